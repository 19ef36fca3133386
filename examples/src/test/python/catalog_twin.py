"""The FastAPI twin of examples' CatalogApp, for CatalogDifferentialIT: the reference shop of issue 11.

Kept in step with the reference app (../shared/reference/catalog.py when this was written): same routes, models,
constraints, dependencies, security, status codes and session use. The differential test serves it with uvicorn
from the venv of scripts/python-venv.sh and sends the same requests to it and to ifastapi-catalog.jar.

Run it by hand:  SECRET_KEY=... $(scripts/python-venv.sh) -m uvicorn catalog_twin:app --app-dir examples/src/test/python
"""
import os
from enum import Enum
from typing import Annotated

from fastapi import (Cookie, Depends, FastAPI, File, Form, Header, HTTPException, Path, Query, Request,
                     Response, UploadFile, status)
from fastapi.security import APIKeyHeader, HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI(title="Catalog", version="1.0.0", description="The reference shop API.")
app.add_middleware(SessionMiddleware, secret_key=os.environ.get("SECRET_KEY", "change-me-" * 4))

USERS = {"alice": "wonderland", "bob": "builder"}
ADMIN_KEY = "s3cret-admin-key"


class Category(str, Enum):
    books = "books"
    games = "games"
    music = "music"


class Tag(BaseModel):
    name: str = Field(min_length=1, max_length=20)


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    price: float = Field(gt=0, le=10000)
    category: Category
    tags: list[Tag] = []
    description: str | None = None
    stock: int = Field(default=0, ge=0)


class ItemOut(BaseModel):
    id: int
    name: str
    price: float
    category: Category
    tags: list[Tag]
    description: str | None
    stock: int


class CartLine(BaseModel):
    sku: str = Field(pattern=r"^[A-Z]{3}-\d{3}$")
    qty: int = Field(ge=1, le=99)


class Cart(BaseModel):
    user: str
    lines: list[CartLine]
    total_qty: int


ITEMS: dict[int, ItemOut] = {}


def seed() -> None:
    ITEMS.clear()
    for i, (name, price, cat) in enumerate([("Dune", 9.5, "books"), ("Tetris", 4.0, "games"),
                                            ("Kind of Blue", 12.0, "music")], start=1):
        ITEMS[i] = ItemOut(id=i, name=name, price=price, category=Category(cat), tags=[], description=None,
                           stock=5)


seed()


class Page(BaseModel):
    limit: int
    offset: int


def pagination(limit: Annotated[int, Query(ge=1, le=100)] = 10,
               offset: Annotated[int, Query(ge=0)] = 0) -> Page:
    return Page(limit=limit, offset=offset)


def current_user(request: Request) -> str:
    user = request.session.get("user")
    if user is None:
        raise HTTPException(status_code=401, detail="Not logged in")
    return user


api_key = APIKeyHeader(name="X-API-Key")
basic = HTTPBasic()


@app.get("/items", response_model=list[ItemOut], tags=["items"], summary="List items")
def list_items(page: Annotated[Page, Depends(pagination)],
               q: Annotated[str | None, Query(max_length=50)] = None,
               category: Category | None = None,
               tag: Annotated[list[str], Query()] = []):
    found = [i for i in ITEMS.values()
             if (q is None or q.lower() in i.name.lower())
             and (category is None or i.category == category)
             and all(t in [x.name for x in i.tags] for t in tag)]
    return found[page.offset:page.offset + page.limit]


@app.get("/items/{item_id}", response_model=ItemOut, tags=["items"], summary="Read one item")
def read_item(item_id: Annotated[int, Path(ge=1)]):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]


@app.post("/items", response_model=ItemOut, status_code=status.HTTP_201_CREATED, tags=["items"],
          summary="Create an item")
def create_item(item: ItemIn, key: Annotated[str, Depends(api_key)]):
    if key != ADMIN_KEY:
        raise HTTPException(status_code=403, detail="Wrong API key")
    new_id = max(ITEMS, default=0) + 1
    ITEMS[new_id] = ItemOut(id=new_id, **item.model_dump())
    return ITEMS[new_id]


@app.put("/items/{item_id}", response_model=ItemOut, tags=["items"], summary="Replace an item")
def replace_item(item_id: Annotated[int, Path(ge=1)], item: ItemIn, key: Annotated[str, Depends(api_key)]):
    if key != ADMIN_KEY:
        raise HTTPException(status_code=403, detail="Wrong API key")
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    ITEMS[item_id] = ItemOut(id=item_id, **item.model_dump())
    return ITEMS[item_id]


@app.delete("/items/{item_id}", status_code=204, tags=["items"], summary="Delete an item")
def delete_item(item_id: Annotated[int, Path(ge=1)], key: Annotated[str, Depends(api_key)]):
    if key != ADMIN_KEY:
        raise HTTPException(status_code=403, detail="Wrong API key")
    if ITEMS.pop(item_id, None) is None:
        raise HTTPException(status_code=404, detail="Item not found")
    return Response(status_code=204)


@app.get("/echo/headers", tags=["echo"])
def echo_headers(x_request_id: Annotated[str, Header(min_length=8)],
                 user_agent: Annotated[str | None, Header()] = None,
                 x_retry: Annotated[int, Header(ge=0, le=5)] = 0):
    return {"x_request_id": x_request_id, "user_agent": user_agent, "x_retry": x_retry}


@app.get("/echo/cookies", tags=["echo"])
def echo_cookies(theme: Annotated[str, Cookie()] = "light", visits: Annotated[int | None, Cookie()] = None):
    return {"theme": theme, "visits": visits}


@app.get("/echo/types/{flag}", tags=["echo"])
def echo_types(flag: bool, ratio: float = 0.5, when: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
               ids: Annotated[list[int], Query()] = []):
    return {"flag": flag, "ratio": ratio, "when": when, "ids": ids}


@app.post("/login", tags=["session"], summary="Log in with a form")
def login(request: Request, username: Annotated[str, Form(min_length=1)], password: Annotated[str, Form()]):
    if USERS.get(username) != password:
        raise HTTPException(status_code=401, detail="Wrong username or password")
    request.session.clear()
    request.session["user"] = username
    request.session["cart"] = []
    return {"user": username}


@app.post("/logout", tags=["session"])
def logout(request: Request):
    request.session.clear()
    return {"user": None}


@app.get("/me", tags=["session"])
def me(user: Annotated[str, Depends(current_user)]):
    return {"user": user}


@app.get("/cart", response_model=Cart, tags=["cart"])
def read_cart(request: Request, user: Annotated[str, Depends(current_user)]):
    lines = [CartLine(**line) for line in request.session.get("cart", [])]
    return Cart(user=user, lines=lines, total_qty=sum(line.qty for line in lines))


@app.post("/cart/items", response_model=Cart, status_code=201, tags=["cart"])
def add_to_cart(request: Request, line: CartLine, user: Annotated[str, Depends(current_user)]):
    cart = [dict(x) for x in request.session.get("cart", [])]
    for existing in cart:
        if existing["sku"] == line.sku:
            existing["qty"] = min(99, existing["qty"] + line.qty)
            break
    else:
        cart.append(line.model_dump())
    request.session["cart"] = cart
    return read_cart(request, user)


@app.delete("/cart/items/{sku}", status_code=204, tags=["cart"])
def remove_from_cart(request: Request, sku: Annotated[str, Path(pattern=r"^[A-Z]{3}-\d{3}$")],
                     user: Annotated[str, Depends(current_user)]):
    cart = request.session.get("cart", [])
    kept = [x for x in cart if x["sku"] != sku]
    if len(kept) == len(cart):
        raise HTTPException(status_code=404, detail="Not in cart")
    request.session["cart"] = kept
    return Response(status_code=204)


@app.get("/admin/whoami", tags=["admin"])
def admin_whoami(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]):
    if USERS.get(credentials.username) != credentials.password:
        raise HTTPException(status_code=401, detail="Incorrect username or password",
                            headers={"WWW-Authenticate": "Basic"})
    return {"username": credentials.username}


@app.post("/upload", tags=["files"])
async def upload(file: Annotated[UploadFile, File()], note: Annotated[str, Form(max_length=100)] = ""):
    data = await file.read()
    return {"filename": file.filename, "content_type": file.content_type, "size": len(data), "note": note}


@app.post("/reset", include_in_schema=False)
def reset():
    seed()
    return {"ok": True}
