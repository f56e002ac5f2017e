from django.views.generic import TemplateView

from oia_portal.search.kinds import KINDS, KINDS_BY_KEY
from oia_portal.search.query import clean_query
from oia_portal.search.results import search_group, search_page


class SearchView(TemplateView):
    """All kinds with their best few results, or one kind (`?kind=`) page by page."""

    template_name = "oia_portal/search.html"
    per_group = 5
    per_page = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = clean_query(self.request.GET.get("q", ""))
        # An unknown kind is ignored: the search covers everything.
        kind = KINDS_BY_KEY.get(self.request.GET.get("kind", ""))
        groups, page = [], None
        if query and kind:
            group, page = search_page(kind, query, self.request.GET.get("page"), self.per_page)
            groups = [group]
        elif query:
            groups = [search_group(each, query, self.per_group) for each in KINDS]
        context.update(
            search_query=query,
            search_kinds=KINDS,
            selected_kind=kind,
            groups=groups,
            found_groups=[group for group in groups if group.total],
            total=sum(group.total for group in groups),
            capped=any(group.capped for group in groups),
            page_obj=page,
        )
        return context
