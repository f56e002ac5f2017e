from django.views.generic import DetailView, ListView

from scholars.models import Scholar


class ScholarListView(ListView):
    template_name = "scholars/scholar_list.html"
    context_object_name = "scholars"
    paginate_by = 24

    def get_queryset(self):
        return Scholar.objects.published().select_related("home_partner")


class ScholarDetailView(DetailView):
    template_name = "scholars/scholar_detail.html"
    context_object_name = "scholar"

    def get_queryset(self):
        return Scholar.objects.published().select_related("home_partner")
