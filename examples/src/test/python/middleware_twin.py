"""The project's own Starlette twin of the reference app for the standard middleware (CORS, GZip, TrustedHost),
configured and answering as the reference does, plus a /secure mount behind HTTPSRedirectMiddleware. The
differential test MiddlewareDifferentialIT serves it with uvicorn beside examples/target/ifastapi-middleware.jar
(MiddlewareApp) and compares their answers.

Plain Starlette (no FastAPI), so that Debian's python3-starlette can run it too; FastAPI's JSON error bodies
({"detail": ...}) are reproduced by an exception handler.

Run it:  PYTHON=$(scripts/python-venv.sh)
         "$PYTHON" -m uvicorn middleware_twin:app --app-dir examples/src/test/python --port 8000
"""
import asyncio

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.httpsredirect import HTTPSRedirectMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, StreamingResponse
from starlette.routing import Mount, Route


async def small(request: Request):
    return JSONResponse({"message": "hello"})


async def large(request: Request):
    return JSONResponse({"items": [{"id": i, "name": f"item number {i}", "tags": ["a", "b", "c"]} for i in range(60)]})


async def text(request: Request):
    return PlainTextResponse("lorem ipsum dolor sit amet " * 40)


async def precompressed(request: Request):
    # already encoded by the handler: GZip must leave it alone
    return PlainTextResponse("x" * 1000, headers={"Content-Encoding": "identity-custom"})


async def stream(request: Request):
    async def gen():
        for i in range(50):
            yield f"line {i} " + "y" * 40 + "\n"
            await asyncio.sleep(0)
    return StreamingResponse(gen(), media_type="text/plain")


async def events(request: Request):
    async def gen():
        for i in range(30):
            yield f"data: {'z' * 40} {i}\n\n"
    return StreamingResponse(gen(), media_type="text/event-stream")


async def create(request: Request):
    body = await request.json()
    return PlainTextResponse(str(len(body.get("name", ""))), headers={"X-Total": "1"})


async def delete(request: Request):
    return JSONResponse({"deleted": request.path_params["item_id"]})


async def account(request: Request):
    return JSONResponse({"secure": True})


async def http_exception(request: Request, exc: HTTPException):
    # FastAPI's body for HTTP errors
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


secure = Starlette(routes=[Route("/account", account)], middleware=[Middleware(HTTPSRedirectMiddleware)],
                   exception_handlers={HTTPException: http_exception})

app = Starlette(
    routes=[
        Route("/small", small),
        Route("/large", large),
        Route("/text", text),
        Route("/precompressed", precompressed),
        Route("/stream", stream),
        Route("/events", events),
        Route("/items", create, methods=["POST"]),
        Route("/items/{item_id:int}", delete, methods=["DELETE"]),
        Mount("/secure", secure),
    ],
    # listed outermost first: TrustedHost, CORS, GZip (the reference adds them in the reverse order)
    middleware=[
        Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "*.shop.example"]),
        Middleware(CORSMiddleware,
                   allow_origins=["https://shop.example", "http://localhost:3000"],
                   allow_origin_regex=r"https://[a-z]+\.partner\.example",
                   allow_credentials=True,
                   allow_methods=["GET", "POST", "DELETE"],
                   allow_headers=["X-Token", "Content-Type"],
                   expose_headers=["X-Total"],
                   max_age=600),
        Middleware(GZipMiddleware, minimum_size=500),
    ],
    exception_handlers={HTTPException: http_exception},
)
