from django.views.generic import DetailView, ListView

from exchanges.models import ExchangeProgram


class ProgrammeListView(ListView):
    template_name = "exchanges/programme_list.html"
    context_object_name = "programmes"
    paginate_by = 24

    def get_queryset(self):
        return ExchangeProgram.objects.published().select_related("partner")


class ProgrammeDetailView(DetailView):
    template_name = "exchanges/programme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return ExchangeProgram.objects.published().select_related("partner")
