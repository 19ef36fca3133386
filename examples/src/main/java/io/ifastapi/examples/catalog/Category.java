package io.ifastapi.examples.catalog;

/** catalog.py's {@code Category(str, Enum)}: the constants' names are their values on the wire. */
public enum Category { books, games, music }
