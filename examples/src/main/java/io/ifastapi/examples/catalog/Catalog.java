package io.ifastapi.examples.catalog;

import io.ifastapi.examples.catalog.Models.ItemIn;
import io.ifastapi.examples.catalog.Models.ItemOut;
import io.ifastapi.examples.catalog.Models.Page;
import io.ifastapi.examples.catalog.Models.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The items, in memory and by id as catalog.py's {@code ITEMS} dict (ids in insertion order, which is id order). */
public final class Catalog {
    private final TreeMap<Integer, ItemOut> items = new TreeMap<>();

    public Catalog() {
        seed();
    }

    /** catalog.py's {@code seed()}: three items with 5 in stock. */
    public synchronized void seed() {
        items.clear();
        items.put(1, new ItemOut(1, "Dune", 9.5, Category.books, List.of(), Optional.empty(), 5));
        items.put(2, new ItemOut(2, "Tetris", 4.0, Category.games, List.of(), Optional.empty(), 5));
        items.put(3, new ItemOut(3, "Kind of Blue", 12.0, Category.music, List.of(), Optional.empty(), 5));
    }

    public synchronized List<ItemOut> find(Optional<String> q, Optional<Category> category, List<String> tags,
                                           Page page) {
        List<ItemOut> found = new ArrayList<>();
        for (ItemOut item : items.values()) {
            List<String> names = item.tags().stream().map(Tag::name).toList();
            // Python's str.lower(): full Unicode lower-casing, as Java's toLowerCase(Locale.ROOT)
            if (q.isPresent() && !item.name().toLowerCase(java.util.Locale.ROOT)
                    .contains(q.get().toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            if (category.isPresent() && item.category() != category.get()) {
                continue;
            }
            if (names.containsAll(tags)) {
                found.add(item);
            }
        }
        // found[offset:offset + limit]
        int from = Math.min(page.offset(), found.size());
        int to = (int) Math.min((long) page.offset() + page.limit(), found.size());
        return List.copyOf(found.subList(from, to));
    }

    public synchronized Optional<ItemOut> get(int id) {
        return Optional.ofNullable(items.get(id));
    }

    /** A new id: one past the greatest, as {@code max(ITEMS, default=0) + 1}. */
    public synchronized ItemOut add(ItemIn in) {
        int id = items.isEmpty() ? 1 : items.lastKey() + 1;
        ItemOut item = ItemOut.of(id, in);
        items.put(id, item);
        return item;
    }

    /** Replaces an existing item; empty when there is none. */
    public synchronized Optional<ItemOut> replace(int id, ItemIn in) {
        if (!items.containsKey(id)) {
            return Optional.empty();
        }
        ItemOut item = ItemOut.of(id, in);
        items.put(id, item);
        return Optional.of(item);
    }

    public synchronized boolean delete(int id) {
        return items.remove(id) != null;
    }
}
