package io.kubemin.examples.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Paging of every list: {@code page} (from 1) and {@code page_size} ({@code pageSize} too) query
 * parameters, {@value #DEFAULT_PAGE_SIZE} items by default and at most {@value #MAX_PAGE_SIZE}. The
 * answer holds the items under the list's name, with {@code total}, {@code page} and {@code
 * page_size} beside them.
 */
final class Paging {
  /** Items of a page when {@code page_size} is not given. */
  static final int DEFAULT_PAGE_SIZE = 100;

  /** The largest {@code page_size}. */
  static final int MAX_PAGE_SIZE = 500;

  /** Business code of a bad paging parameter (the upstream's generic bad request). */
  static final int BAD_PARAMETER = 400;

  private Paging() {}

  /**
   * A page asked for.
   *
   * @param page from 1
   * @param pageSize items per page
   */
  record Page(int page, int pageSize) {
    int offset() {
      return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * pageSize);
    }

    /** This page of a whole list. */
    <T> List<T> of(List<T> all) {
      int from = Math.min(all.size(), offset());
      return all.subList(from, Math.min(all.size(), from + pageSize));
    }
  }

  /**
   * The page a request asks for.
   *
   * @throws BadRequestException when a parameter is not a number in range
   */
  static Page page(RestRequest request) {
    int page = number(request.query("page", "page"), 1, "page", Integer.MAX_VALUE);
    int size =
        number(
            request.query("page_size", "pageSize"), DEFAULT_PAGE_SIZE, "page_size", MAX_PAGE_SIZE);
    return new Page(page, size);
  }

  private static int number(String text, int absent, String name, int max) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequestException(
        BAD_PARAMETER, name + " must be a whole number from 1 to " + max + ", got '" + text + "'");
  }

  /** A whole list, paged here. */
  static <T> Listing listing(String name, List<T> all, Page page) {
    return new Listing(name, page.of(all), all.size(), page);
  }

  /** A list paged by its source, which also counted it. */
  static <T> Listing listing(
      String name, Page page, BiFunction<Integer, Integer, List<T>> source, long total) {
    return new Listing(name, source.apply(page.offset(), page.pageSize()), total, page);
  }

  /** One page of a list: the items under the list's name, and where the page is. */
  @JsonPropertyOrder({"total", "page", "pageSize"})
  static final class Listing {
    private final String name;
    private final List<?> items;
    private final long total;
    private final Page page;

    Listing(String name, List<?> items, long total, Page page) {
      this.name = name;
      this.items = List.copyOf(items);
      this.total = total;
      this.page = page;
    }

    @JsonAnyGetter
    public Map<String, Object> items() {
      return Map.of(name, items);
    }

    public long getTotal() {
      return total;
    }

    public int getPage() {
      return page.page();
    }

    public int getPageSize() {
      return page.pageSize();
    }
  }
}
