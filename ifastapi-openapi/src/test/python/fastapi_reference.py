"""The FastAPI twin of JsonSchemasTest's models: prints the OpenAPI document FastAPI writes for them.

Regenerate the reference the Java tests compare with (any modern FastAPI + pydantic 2; made with FastAPI 0.142.2,
pydantic 2.13.5):

    python ifastapi-openapi/src/test/python/fastapi_reference.py \
        > ifastapi-openapi/src/test/resources/fastapi-reference/openapi.json
"""
import datetime
import enum
import json
import uuid
from typing import List, Optional, Set

from fastapi import FastAPI
from pydantic import BaseModel, Field


class Color(str, enum.Enum):
    red = "red"
    green = "green"


class Image(BaseModel):
    url: str


class Item(BaseModel):
    """An item."""
    item_id: int
    name: str = Field(description="The name")
    price: float
    tags: List[str]
    labels: Set[str]
    color: Color
    image: Optional[Image] = None
    when: datetime.date
    at: datetime.datetime
    ref: uuid.UUID
    note: Optional[str] = None


app = FastAPI()


@app.post("/items")
def create_item(item: Item) -> Item:
    return item


@app.get("/plain")
def plain():
    return {}


print(json.dumps(app.openapi(), indent=2))
