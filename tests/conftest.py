from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def scorer():
    """The project's judge, ../shared/tools/score.py, imported as a module."""
    path = SHARED / "tools" / "score.py"
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests need ../shared beside the checkout")
    spec = importlib.util.spec_from_file_location("bcx_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
