"""The FastAPI twin of examples' CatalogProbeApp (src/test/java/io/ifastapi/examples/openapi): catalog.py's typed
routes, but its two form routes, plus a few probes of what the OpenAPI document is made from. OpenApiDifferentialTest
compares this app's /openapi.json with the Java app's.

Run it:  python -m uvicorn openapi_probe:app --port 8000
"""
from enum import Enum
from typing import Annotated

from fastapi import Cookie, Depends, FastAPI, Header, HTTPException, Path, Query, Response, status
from fastapi.security import APIKeyHeader, HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

app = FastAPI(title="Catalog", version="1.0.0", description="The reference shop API.")

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


ITEMS: dict[int, ItemOut] = {
    i: ItemOut(id=i, name=name, price=price, category=Category(cat), tags=[], description=None, stock=5)
    for i, (name, price, cat) in enumerate([("Dune", 9.5, "books"), ("Tetris", 4.0, "games"),
                                            ("Kind of Blue", 12.0, "music")], start=1)}


class Page(BaseModel):
    limit: int
    offset: int


def pagination(limit: Annotated[int, Query(ge=1, le=100)] = 10,
               offset: Annotated[int, Query(ge=0)] = 0) -> Page:
    return Page(limit=limit, offset=offset)


api_key = APIKeyHeader(name="X-API-Key")
basic = HTTPBasic()


@app.get("/items", response_model=list[ItemOut], tags=["items"], summary="List items")
def list_items(page: Annotated[Page, Depends(pagination)],
               q: Annotated[str | None, Query(max_length=50)] = None,
               category: Category | None = None,
               tag: Annotated[list[str], Query()] = []):
    found = [i for i in ITEMS.values()
             if (q is None or q.lower() in i.name.lower()) and (category is None or i.category == category)]
    return found[page.offset:page.offset + page.limit]


@app.get("/items/{item_id}", response_model=ItemOut, tags=["items"], summary="Read one item")
def read_item(item_id: Annotated[int, Path(ge=1)]):
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="Item not found")
    return ITEMS[item_id]


@app.post("/items", response_model=ItemOut, status_code=status.HTTP_201_CREATED, tags=["items"],
          summary="Create an item")
def create_item(item: ItemIn, key: Annotated[str, Depends(api_key)]):
    new_id = max(ITEMS, default=0) + 1
    ITEMS[new_id] = ItemOut(id=new_id, **item.model_dump())
    return ITEMS[new_id]


@app.put("/items/{item_id}", response_model=ItemOut, tags=["items"], summary="Replace an item")
def replace_item(item_id: Annotated[int, Path(ge=1)], item: ItemIn, key: Annotated[str, Depends(api_key)]):
    ITEMS[item_id] = ItemOut(id=item_id, **item.model_dump())
    return ITEMS[item_id]


@app.delete("/items/{item_id}", status_code=204, tags=["items"], summary="Delete an item")
def delete_item(item_id: Annotated[int, Path(ge=1)], key: Annotated[str, Depends(api_key)]):
    ITEMS.pop(item_id, None)
    return Response(status_code=204)


@app.get("/echo/headers", tags=["echo"])
def echo_headers(x_request_id: Annotated[str, Header(min_length=8)],
                 user_agent: Annotated[str | None, Header()] = None,
                 x_retry: Annotated[int, Header(ge=0, le=5)] = 0):
    return {"x_request_id": x_request_id}


@app.get("/echo/cookies", tags=["echo"])
def echo_cookies(theme: Annotated[str, Cookie()] = "light", visits: Annotated[int | None, Cookie()] = None):
    return {"theme": theme}


@app.get("/echo/types/{flag}", tags=["echo"])
def echo_types(flag: bool, ratio: float = 0.5,
               when: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
               ids: Annotated[list[int], Query()] = []):
    return {"flag": flag}


@app.get("/admin/whoami", tags=["admin"])
def admin_whoami(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]):
    return {"username": credentials.username}


# Probes beyond the catalog.
@app.get("/search", tags=["probe"], responses={404: {"description": "Nothing found"}}, deprecated=True)
def search(item_query: Annotated[str | None, Query(alias="item-query")] = None):
    return {"q": item_query or ""}


@app.post("/reset", include_in_schema=False)
def reset():
    return {"ok": True}
