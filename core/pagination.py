"""Pages of long public lists whose cost does not grow with the rows behind them."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from core.fragment_cache import StampedRows, stamps_for


class KeysFirstPaginator(Paginator):
    """Cuts the page from the sorted keys, then reads only that page's rows whole.

    A list sorted by a computed column (a programme's next deadline, a partner's
    agreements) must sort every matching row to keep twenty. Sorting keys alone
    is cheap; sorting every row joined and annotated whole was most of a list
    page's time, and grew with the data. The page's own query asks for the rows
    whose keys the sorted cut returned, in the same order: one query, as before.

    `counted`: the same rows without the sort's annotations, when counting those
    is cheaper (an aggregate to sort by joins rows that a count does not need).
    `keys`: a function of (bottom, top) giving the keys of those rows in the list's
    order, when the list's model knows a cheaper way to cut them than sorting all.
    """

    def __init__(self, object_list, per_page, counted=None, keys=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted = counted
        self.keys = keys or (lambda bottom, top: self.object_list.values("pk")[bottom:top])

    @cached_property
    def count(self):
        return self.counted.count() if self.counted is not None else super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.object_list.filter(pk__in=self.keys(bottom, top)), number, self)


class NearestPageMixin:
    """For a ListView: a page number that is not one, or past the end, shows the nearest page
    (the first, the last) instead of a 404. A list shrinks while links to its later pages stay
    bookmarked and shared."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class StampedListMixin:
    """For a ListView whose rows the template keeps rendered (`{% rendered_rows … row_key %}`):
    the page's rows are known by their keys first and read whole only when not kept.

    `row_key`: the dotted paths of everything a row shows, for the template and the stamps;
    `row_stamps()`: how to read the paths that are not plain lookups (links, worked-out values).
    """

    paginator_class = KeysFirstPaginator
    row_key = ""

    def row_stamps(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(row_key=self.row_key, **kwargs)
        name = self.get_context_object_name(context["object_list"])
        context[name] = StampedRows(context[name], stamps_for(self.row_key, **self.row_stamps()))
        return context
