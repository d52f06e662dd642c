package org.fedimpute.platform.web;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** One page of a list, with what a client needs to fetch the others: the shape of every paged answer. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    /**
     * The highest page number a list takes: far beyond any list's end, and low enough that page × size stays within
     * the int offset JPA queries take (past it Spring Data refuses the query, which would be a 500).
     */
    public static final int MAX_PAGE = 100_000;

    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageResponse<>(
                page.getContent().stream().map(mapper).toList(),
                page.getNumber(),
                page.getSize(),
                page.getTotalElements(),
                page.getTotalPages());
    }
}
