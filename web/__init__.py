"""The auditor's read-only web view (`bcx serve`)."""
