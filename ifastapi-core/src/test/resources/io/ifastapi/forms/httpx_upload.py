"""Posts a multipart form with httpx, as a Python client of an iFastAPI app would (used by HttpxUploadTest).

Usage: python httpx_upload.py URL   -- prints the status, then the response body.
"""
import sys

import httpx

big = bytes(range(256)) * 12288  # 3 MiB: past the 1 MiB spool threshold
r = httpx.post(
    sys.argv[1],
    data={"note": "h\u00e9llo w\u00f6rld", "tag": ["a", "b"]},
    files=[
        ("file", ("\u00e9t\u00e9.txt", big, "text/plain")),
        ("file", ("b.bin", b"\x00\xff\r\n--", "application/octet-stream")),
    ],
    timeout=30,
)
print(r.status_code)
print(r.text)
