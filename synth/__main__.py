"""python -m synth OUT_DIR N [--seed S] [--pdf-share F] ...: write a synthetic archive."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from synth.dump_tools import REAL_TOOLS, TOOLS, ToolMissing
from synth.generate import generate_archive


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m synth", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n_proposals", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pdf-share", type=float, default=0.5)
    parser.add_argument("--bundle-share", type=float, default=0.2)
    parser.add_argument("--inconsistency-share", type=float, default=0.1)
    parser.add_argument("--shuffle-share", type=float, default=0.05)
    parser.add_argument("--text-tools", default=",".join(REAL_TOOLS),
                        help=f"comma-separated tools making the text dumps, one drawn per file ({', '.join(TOOLS)})")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tools = tuple(t.strip() for t in args.text_tools.split(",") if t.strip())
    try:
        files = generate_archive(args.out_dir, args.n_proposals, args.seed, pdf_share=args.pdf_share,
                                 bundle_share=args.bundle_share, inconsistency_share=args.inconsistency_share,
                                 shuffle_share=args.shuffle_share, text_tools=tools)
    except (ToolMissing, ValueError) as exc:
        parser.exit(1, f"python -m synth: {exc}\n")
    print(f"wrote {len(files)} files ({args.n_proposals} documents) to {args.out_dir} "
          f"in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
