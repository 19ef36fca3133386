"""Records FastAPI's answers (status and exact body bytes) to a list of requests, as the golden file that
io.ifastapi.params.PydanticCasesTest replays against the equivalent Java routes (ParamsCasesApp).

Regenerate after changing the cases (the routes here and in ParamsCasesApp.java must stay twins):
    python=$(scripts/python-venv.sh)
    $python scripts/pydantic-cases.py > ifastapi-test/src/test/resources/io/ifastapi/params/pydantic-cases.json
"""
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated
from uuid import UUID

import fastapi
import pydantic
from fastapi import Cookie, FastAPI, Header, Path, Query
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field

app = FastAPI()


class Category(str, Enum):
    books = "books"
    games = "games"
    music = "music"


@app.get("/q/int")
def q_int(v: int):
    return {"v": v}


@app.get("/q/int-range")
def q_int_range(v: Annotated[int, Query(ge=1, le=100)] = 10):
    return {"v": v}


@app.get("/q/int-open")
def q_int_open(v: Annotated[int, Query(gt=0, lt=10)]):
    return {"v": v}


@app.get("/q/int-multiple")
def q_int_multiple(v: Annotated[int, Query(multiple_of=5)]):
    return {"v": v}


@app.get("/q/long")
def q_long(v: int):
    return {"v": v}


@app.get("/q/float")
def q_float(v: Annotated[float, Query(gt=0, le=10000)]):
    return {"v": v}


@app.get("/q/float-open")
def q_float_open(v: Annotated[float, Query(ge=0.5, lt=1.5)]):
    return {"v": v}


@app.get("/q/decimal")
def q_decimal(v: Decimal):
    return {"v": str(v)}


@app.get("/q/bool")
def q_bool(v: bool):
    return {"v": v}


@app.get("/q/str")
def q_str(v: Annotated[str, Query(min_length=2, max_length=5, pattern="^[a-z]+$")]):
    return {"v": v}


@app.get("/q/uuid")
def q_uuid(v: UUID):
    return {"v": str(v)}


@app.get("/q/enum")
def q_enum(v: Category):
    return {"v": v}


@app.get("/q/date")
def q_date(v: date):
    return {"v": str(v)}


@app.get("/q/datetime")
def q_datetime(v: datetime):
    return {"v": "ok"}


@app.get("/q/list")
def q_list(v: Annotated[list[int], Query(min_length=1, max_length=3)]):
    return {"v": v}


@app.get("/q/list-str")
def q_list_str(v: Annotated[list[str], Query()] = []):
    return {"v": v}


@app.get("/q/optional")
def q_optional(v: int | None = None):
    return {"v": v}


@app.get("/q/alias")
def q_alias(item_query: Annotated[str, Query(alias="item-query")]):
    return {"v": item_query}


@app.get("/q/multi")
def q_multi(a: int, b: Annotated[float, Query(gt=0)], c: str, d: bool = False):
    return {"a": a}


@app.get("/h")
def h(x_request_id: Annotated[str, Header(min_length=8)], x_retry: Annotated[int, Header(ge=0, le=5)] = 0):
    return {"x_request_id": x_request_id, "x_retry": x_retry}


@app.get("/c")
def c(theme: Annotated[str, Cookie()] = "light", visits: Annotated[int | None, Cookie()] = None):
    return {"theme": theme, "visits": visits}


@app.get("/p/{item_id}")
def p(item_id: Annotated[int, Path(ge=1)]):
    return {"item_id": item_id}


@app.get("/p-str/{sku}")
def p_str(sku: Annotated[str, Path(pattern=r"^[A-Z]{3}-\d{3}$")]):
    return {"sku": sku}


@app.get("/q/set")
def q_set(v: Annotated[set[int], Query(min_length=2)]):
    return {"v": sorted(v)}


@app.get("/q/str-one")
def q_str_one(v: Annotated[str, Query(min_length=1, max_length=1)]):
    return {"v": v}


@app.get("/q/search")
def q_search(v: Annotated[str, Query(pattern="[0-9]")]):
    return {"v": v}


@app.get("/q/float-multiple")
def q_float_multiple(v: Annotated[float, Query(multiple_of=0.5)]):
    return {"v": v}


@app.get("/q/decimal-range")
def q_decimal_range(v: Annotated[Decimal, Query(ge=1, lt=10)]):
    return {"v": str(v)}


class Tag(BaseModel):
    name: str = Field(min_length=1, max_length=20)


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    price: float = Field(gt=0, le=10000)
    category: Category
    tags: list[Tag] = []
    description: str | None = None
    stock: int = Field(default=0, ge=0)


class CartLine(BaseModel):
    sku: str = Field(pattern=r"^[A-Z]{3}-\d{3}$")
    qty: int = Field(ge=1, le=99)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    a: int


class Types(BaseModel):
    flag: bool = False
    id: UUID | None = None
    day: date | None = None
    at: datetime | None = None
    amount: Decimal | None = None
    ratio: float = 0.0
    count: int = 0
    words: list[str] = []
    label: str = ""


class More(BaseModel):
    ids: set[int] = set()
    flags: list[bool] = []
    amount: Decimal | None = None
    at: datetime | None = None
    category: Category | None = None
    note: str | None = None


class Inner(BaseModel):
    n: int


class Outer(BaseModel):
    inner: Inner
    more: list[Inner] = Field(default=[], max_length=2)


@app.post("/b/item")
def b_item(item: ItemIn):
    return {"ok": True}


@app.post("/b/line")
def b_line(line: CartLine):
    return {"ok": True}


@app.post("/b/strict")
def b_strict(body: Strict):
    return {"ok": True}


@app.post("/b/types")
def b_types(body: Types):
    return {"ok": True}


@app.post("/b/outer")
def b_outer(body: Outer):
    return {"ok": True}


@app.post("/b/more")
def b_more(body: More):
    return {"ok": True}


@app.post("/b/list")
def b_list(body: list[Tag]):
    return {"ok": True}


def q(path, query=""):
    return {"method": "GET", "path": path, "query": query, "headers": {}, "body": None}


def b(path, body):
    return {"method": "POST", "path": path, "query": "", "headers": {"content-type": "application/json"}, "body": body}


CASES = [
    q("/q/int", "v=42"), q("/q/int"), q("/q/int", "v="), q("/q/int", "v=abc"), q("/q/int", "v=2.5"),
    q("/q/int", "v=2.0"), q("/q/int", "v=%20"), q("/q/int", "v=+7"), q("/q/int", "v=1_000"), q("/q/int", "v=0x10"),
    q("/q/int", "v=99999999999999999999999"),
    q("/q/int-range"), q("/q/int-range", "v=0"), q("/q/int-range", "v=101"), q("/q/int-range", "v=50"),
    q("/q/int-open", "v=0"), q("/q/int-open", "v=10"), q("/q/int-open", "v=5"),
    q("/q/int-multiple", "v=7"), q("/q/int-multiple", "v=10"),
    q("/q/float", "v=0"), q("/q/float", "v=-1.5"), q("/q/float", "v=10000.5"), q("/q/float", "v=x"),
    q("/q/float", "v=1e3"), q("/q/float", "v=nan"), q("/q/float", "v=inf"),
    q("/q/float-open", "v=0.25"), q("/q/float-open", "v=1.5"), q("/q/float-open", "v=1"),
    q("/q/decimal", "v=1.50"), q("/q/decimal", "v=abc"),
    q("/q/bool", "v=true"), q("/q/bool", "v=yes"), q("/q/bool", "v=0"), q("/q/bool", "v=OFF"), q("/q/bool", "v=maybe"),
    q("/q/bool", "v=2"), q("/q/bool"),
    q("/q/str", "v=abc"), q("/q/str", "v=a"), q("/q/str", "v=abcdef"), q("/q/str", "v=AB1"),
    q("/q/uuid", "v=6f1c3e2a-3b4c-4d5e-8f90-123456789abc"), q("/q/uuid", "v=nope"),
    q("/q/uuid", "v=6f1c3e2a3b4c4d5e8f90123456789abc"), q("/q/uuid", "v=6f1c3e2a-3b4c-4d5e-8f90-123456789ab"),
    q("/q/enum", "v=books"), q("/q/enum", "v=Books"), q("/q/enum", "v=films"),
    q("/q/date", "v=2024-02-29"), q("/q/date", "v=2024-13-01"), q("/q/date", "v=yesterday"), q("/q/date", "v=2024-2-1"),
    q("/q/datetime", "v=2024-01-02T03:04:05Z"), q("/q/datetime", "v=2024-01-02"), q("/q/datetime", "v=soon"),
    q("/q/list", "v=1&v=2"), q("/q/list"), q("/q/list", "v=1&v=x&v=3"), q("/q/list", "v=1&v=2&v=3&v=4"),
    q("/q/list-str"), q("/q/list-str", "v=a&v=b"),
    q("/q/optional"), q("/q/optional", "v=3"), q("/q/optional", "v=x"),
    q("/q/alias", "item-query=x"), q("/q/alias", "item_query=x"),
    q("/q/multi"), q("/q/multi", "a=x&b=0&c=ok&d=perhaps"), q("/q/multi", "a=1&b=2&c=ok"),
    {"method": "GET", "path": "/h", "query": "", "headers": {"x-request-id": "12345678"}, "body": None},
    {"method": "GET", "path": "/h", "query": "", "headers": {"x-request-id": "short", "x-retry": "9"}, "body": None},
    {"method": "GET", "path": "/h", "query": "", "headers": {"x-retry": "x"}, "body": None},
    {"method": "GET", "path": "/h", "query": "", "headers": {"x_request_id": "12345678"}, "body": None},
    {"method": "GET", "path": "/c", "query": "", "headers": {"cookie": "theme=dark; visits=3"}, "body": None},
    {"method": "GET", "path": "/c", "query": "", "headers": {"cookie": "visits=many"}, "body": None},
    q("/p/5"), q("/p/0"), q("/p/abc"), q("/p/1.5"), q("/p-str/ABC-123"), q("/p-str/abc"),
    b("/b/item", '{"name":"Dune","price":9.5,"category":"books"}'),
    b("/b/item", '{}'),
    b("/b/item", '{"name":"","price":0,"category":"films","tags":[{"name":""},{}],"stock":-1}'),
    b("/b/item", '{"name":5,"price":"x","category":1,"tags":"no","description":7,"stock":1.5}'),
    b("/b/item", '{"name":"a","price":"9.5","category":"books","stock":"3"}'),
    b("/b/item", '{"name":"a","price":true,"category":"books","stock":true}'),
    b("/b/item", 'null'), b("/b/item", '[]'), b("/b/item", '"text"'), b("/b/item", '5'),
    b("/b/item", '{"name": "a",'), b("/b/item", '{name: 1}'), b("/b/item", '{"a":1} x'), b("/b/item", ''),
    b("/b/item", '{"name":"x"'),
    b("/b/line", '{"sku":"ABC-123","qty":2.5}'), b("/b/line", '{"sku":"ABC-123","qty":2.0}'),
    b("/b/line", '{"sku":"abc","qty":100}'), b("/b/line", '{"sku":"ABC-123","qty":null}'),
    b("/b/line", '{"sku":null,"qty":"7"}'), b("/b/line", '{"sku":"ABC-123","qty":"2.5"}'),
    b("/b/line", '{"sku":"ABC-123","qty":1e20}'),
    b("/b/strict", '{"a":1}'), b("/b/strict", '{"a":1,"b":2,"c":{"d":3}}'),
    b("/b/types", '{"flag":"yes","id":"6f1c3e2a-3b4c-4d5e-8f90-123456789abc","day":"2024-01-02","at":"2024-01-02T03:04:05Z","amount":"1.5","ratio":1,"count":"4","words":["a"],"label":"x"}'),
    b("/b/types", '{"flag":"maybe","id":"x","day":"2024-99-01","at":"never","amount":"abc","ratio":"x","count":"x","words":"a","label":5}'),
    b("/b/types", '{"flag":2,"id":5,"day":5,"ratio":true,"count":false,"words":[1],"label":null}'),
    b("/b/types", '{"flag":1,"ratio":"1e3","count":3.0}'),
    b("/b/outer", '{"inner":{"n":1}}'), b("/b/outer", '{"inner":{}}'), b("/b/outer", '{"inner":5}'),
    b("/b/outer", '{"inner":{"n":"x"},"more":[{"n":1},{"n":"y"},{}]}'),
    b("/b/list", '[{"name":"a"}]'), b("/b/list", '[{"name":""},5]'), b("/b/list", '{"name":"a"}'),
    q("/q/set", "v=1&v=2"), q("/q/set", "v=1&v=1"), q("/q/set", "v=x&v=2"),
    q("/q/str-one", "v="), q("/q/str-one", "v=ab"), q("/q/str-one", "v=%C3%A9"),
    q("/q/search", "v=a1b"), q("/q/search", "v=ab"),
    q("/q/float-multiple", "v=1.5"), q("/q/float-multiple", "v=1.25"),
    q("/q/decimal-range", "v=0.5"), q("/q/decimal-range", "v=10"), q("/q/decimal-range", "v=9.99"),
    q("/q/int", "v=1e3"), q("/q/int", "v=%207%20"), q("/q/int", "v=-0"), q("/q/int", "v=1__0"),
    q("/q/float", "v=1_000.5"), q("/q/float", "v=%202.5%20"), q("/q/float", "v=infinity"), q("/q/float", "v=1.5d"),
    q("/q/float", "v=0x1p3"), q("/q/float", "v=.5"), q("/q/float", "v=5."),
    q("/q/bool", "v=%20true"), q("/q/bool", "v=T"), q("/q/bool", "v=Y"), q("/q/bool", "v=on"), q("/q/bool", "v="),
    q("/q/uuid", "v={6f1c3e2a-3b4c-4d5e-8f90-123456789abc}"), q("/q/uuid", "v=urn:uuid:6f1c3e2a-3b4c-4d5e-8f90-123456789abc"),
    q("/q/uuid", "v=6f1c3e2a-3b4c4d5e-8f90-123456789abc"), q("/q/uuid", "v=6f1c3e2a-3b4c-4d5e-8f90-123456789abcd"),
    q("/q/uuid", "v=6f1c3e2a3b4c"), q("/q/uuid", "v=6f1c3e2a-3b4c-4d5e-8f9-0123456789abc"),
    q("/q/date", "v=2024-01-02T00:00:00"), q("/q/date", "v=2024-01-02T01:00:00"), q("/q/date", "v=2024/01/02"),
    q("/q/date", "v=abcd-01-02"), q("/q/date", "v=2024-02-30"), q("/q/date", "v=2024-01-02x"), q("/q/date", "v=86400"),
    q("/q/datetime", "v=2024-01-02T25:00"), q("/q/datetime", "v=2024-01-02%2003:04:05%2B01:00"),
    q("/q/datetime", "v=2024-01-02T03:04:05.123Z"), q("/q/datetime", "v=1700000000"), q("/q/datetime", "v=2024-01-02T03"),
    b("/b/item", '{"a":"\x01"}'), b("/b/item", '{"a":"\\q"}'), b("/b/item", '{"a":1,}'), b("/b/item", '[1,2'),
    b("/b/item", '{"a" 1}'), b("/b/item", 'tru'), b("/b/item", '"abc'), b("/b/item", '{"a":"\\u12"}'),
    b("/b/item", '  '), b("/b/item", '{"a":01}'), b("/b/item", '[1,]'),
    {"method": "POST", "path": "/b/line", "query": "", "headers": {"content-type": "text/plain"}, "body": '{"sku":"ABC-123","qty":1}'},
    {"method": "POST", "path": "/b/line", "query": "", "headers": {}, "body": '{"sku":"ABC-123","qty":1}'},
    {"method": "POST", "path": "/b/line", "query": "", "headers": {"content-type": "application/vnd.api+json"}, "body": '{"sku":"ABC-123","qty":1}'},
    {"method": "POST", "path": "/b/line", "query": "", "headers": {"content-type": "application/json; charset=utf-8"}, "body": '{"sku":"ABC-123","qty":0}'},
    b("/b/more", '{"ids":[1,2,2],"flags":[true,"yes",0,1.0],"amount":1.5,"at":1700000000,"category":"music","note":null}'),
    b("/b/more", '{"ids":"x","flags":[2,1.5,null],"amount":true,"at":"2024-01-02Tx","category":2}'),
    b("/b/more", '{"ids":[1,"a"],"amount":null,"at":null,"category":null}'),
    b("/b/more", '{"amount":"1e400","at":1e30}'),
]


def main():
    client = TestClient(app)
    out = []
    for i, case in enumerate(CASES):
        url = case["path"] + ("?" + case["query"] if case["query"] else "")
        content = case["body"].encode() if case["body"] is not None else None
        r = client.request(case["method"], url, headers=case["headers"], content=content)
        out.append({**case, "id": f"{i:03d} {case['method']} {url} {case['body'] or ''}".strip(),
                    "status": r.status_code, "response": r.text})
    json.dump({"fastapi": fastapi.__version__, "pydantic": pydantic.__version__, "cases": out}, sys.stdout,
              indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
