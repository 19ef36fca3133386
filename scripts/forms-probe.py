"""Sends malformed and odd form bodies to a server and prints each answer (status and body), to compare how
FastAPI/Starlette and iFastAPI answer them. io.ifastapi.forms' tests (MultipartParserTest, UrlEncodedParserTest)
hold the answers Starlette gave; run this again when upgrading either side.

    python=$(scripts/python-venv.sh)            # a venv with fastapi, uvicorn and python-multipart
    $python scripts/forms-probe.py serve 8732 &  # the FastAPI twin: POST /form returns request.form()'s items
    $python scripts/forms-probe.py probe 8732 > fastapi.txt
    # an iFastAPI app with the same route (see docs/forms.md), on 8733:
    $python scripts/forms-probe.py probe 8733 > ifastapi.txt && diff fastapi.txt ifastapi.txt
"""
import socket
import sys


def serve(port):
    import uvicorn
    from fastapi import FastAPI, Request
    from starlette.datastructures import UploadFile

    app = FastAPI()

    @app.post("/form")
    async def form(request: Request):
        out = []
        for k, v in (await request.form()).multi_items():
            out.append([k, {"filename": v.filename, "size": v.size} if isinstance(v, UploadFile) else v])
        return out

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def send(port, ctype, body):
    s = socket.create_connection(("127.0.0.1", port))
    head = "POST /form HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    if ctype is not None:
        head += f"Content-Type: {ctype}\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    s.sendall(head.encode() + body)
    s.settimeout(30)
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except ConnectionResetError:  # a server that answered early (413) and closed while we were still sending
        if not data:
            return "reset", ""
    status = data.split(b"\r\n", 1)[0].split(b" ")[1].decode()
    return status, data.split(b"\r\n\r\n", 1)[-1][:200].decode("utf-8", "replace")


def mp(*parts, end=True):
    out = b"".join(b"--BOUND\r\n" + p for p in parts)
    return out + (b"--BOUND--\r\n" if end else b"")


T = "multipart/form-data; boundary=BOUND"
OK = b'Content-Disposition: form-data; name="a"\r\n\r\nx\r\n'
CASES = {
 "no boundary": ("multipart/form-data", mp(OK)),
 "empty boundary": ("multipart/form-data; boundary=", mp(OK)),
 "ok": (T, mp(OK)),
 "quoted boundary": ('multipart/form-data; boundary="BOUND"', mp(OK)),
 "truncated no end": (T, mp(OK, end=False)),
 "truncated mid data": (T, b'--BOUND\r\nContent-Disposition: form-data; name="a"\r\n\r\nxyz'),
 "truncated in headers": (T, b'--BOUND\r\nContent-Disposition: form-da'),
 "empty body": (T, b''),
 "wrong boundary in body": ("multipart/form-data; boundary=OTHER", mp(OK)),
 "garbage preamble": (T, b"hello\r\n" + mp(OK)),
 "header no colon": (T, mp(b'Content-Disposition form-data; name="a"\r\n\r\nx\r\n')),
 "no disposition": (T, mp(b'Content-Type: text/plain\r\n\r\nx\r\n')),
 "disposition no name": (T, mp(b'Content-Disposition: form-data\r\n\r\nx\r\n')),
 "no headers": (T, mp(b'\r\nx\r\n')),
 "bad header name char": (T, mp(b'Content Disposition: form-data; name="a"\r\n\r\nx\r\n')),
 "LF only": (T, b'--BOUND\nContent-Disposition: form-data; name="a"\n\nx\n--BOUND--\n'),
 "no final CRLF": (T, mp(OK)[:-2]),
 "epilogue": (T, mp(OK) + b"trailing junk"),
 "file": (T, mp(b'Content-Disposition: form-data; name="f"; filename="a b.txt"\r\nContent-Type: text/plain\r\nX-Extra: 1\r\n\r\nhello\r\n')),
 "file no ctype": (T, mp(b'Content-Disposition: form-data; name="f"; filename="x.bin"\r\n\r\nhello\r\n')),
 "file empty filename": (T, mp(b'Content-Disposition: form-data; name="f"; filename=""\r\n\r\nhello\r\n')),
 "filename star": (T, mp(b"Content-Disposition: form-data; name=\"f\"; filename*=utf-8''%C3%A9t%C3%A9.txt\r\n\r\nhello\r\n")),
 "utf8 filename": (T, mp('Content-Disposition: form-data; name="f"; filename="été.txt"\r\n\r\nhello\r\n'.encode())),
 "escaped quote filename": (T, mp(b'Content-Disposition: form-data; name="f"; filename="a\\"b\\\\c.txt"\r\n\r\nhello\r\n')),
 "path filename": (T, mp(b'Content-Disposition: form-data; name="f"; filename="C:\\\\dir\\\\a.txt"\r\n\r\nhello\r\n')),
 "utf8 value": (T, mp('Content-Disposition: form-data; name="nämé"\r\n\r\nvälue\r\n'.encode())),
 "latin1 bad utf8 value": (T, mp(b'Content-Disposition: form-data; name="a"\r\n\r\n\xe9t\xe9\r\n')),
 "charset latin1 param": ("multipart/form-data; boundary=BOUND; charset=latin-1", mp(b'Content-Disposition: form-data; name="a"\r\n\r\n\xe9t\xe9\r\n')),
 "repeated": (T, mp(OK, b'Content-Disposition: form-data; name="b"\r\n\r\ny\r\n', b'Content-Disposition: form-data; name="a"\r\n\r\nz\r\n')),
 "unquoted name": (T, mp(b'Content-Disposition: form-data; name=a\r\n\r\nx\r\n')),
 "part too big": (T, mp(b'Content-Disposition: form-data; name="a"\r\n\r\n' + b'x'*(1024*1024+1) + b'\r\n')),
 "part exactly 1MiB": (T, mp(b'Content-Disposition: form-data; name="a"\r\n\r\n' + b'x'*(1024*1024) + b'\r\n')),
 "1001 fields": (T, mp(*[b'Content-Disposition: form-data; name="a"\r\n\r\nx\r\n']*1001)),
 "1000 fields": (T, mp(*[b'Content-Disposition: form-data; name="a"\r\n\r\nx\r\n']*1000)),
 "1001 files": (T, mp(*[b'Content-Disposition: form-data; name="f"; filename="a"\r\n\r\nx\r\n']*1001)),
 "boundary in data prefix": (T, mp(b'Content-Disposition: form-data; name="a"\r\n\r\nx\r\n--BOUNx\r\n')),
 "ctype case": ("Multipart/Form-Data; boundary=BOUND", mp(OK)),
 "urlencoded": ("application/x-www-form-urlencoded", b"a=1+2&b=%C3%A9&a=3&c&=d&e=%zz&f=\xc3\xa9"),
 "urlencoded 1001": ("application/x-www-form-urlencoded", b"&".join([b"a=1"]*1001)),
 "urlencoded big": ("application/x-www-form-urlencoded", b"a=" + b"x"*(1024*1024)),
 "urlencoded charset": ("application/x-www-form-urlencoded; charset=latin-1", b"a=%E9"),
 "text/plain": ("text/plain", b"a=1"),
 "no ctype": (None, b"a=1"),
}


def probe(port):
    for name, (ctype, body) in CASES.items():
        print(f"{name:28s}", *send(port, ctype, body))


if __name__ == "__main__":
    {"serve": serve, "probe": probe}[sys.argv[1]](int(sys.argv[2]))
