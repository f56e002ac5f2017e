from django.views.generic import DetailView, ListView

from partners.models import PartnerUniversity


class PartnerListView(ListView):
    template_name = "partners/partner_list.html"
    context_object_name = "partners"
    paginate_by = 24

    def get_queryset(self):
        return PartnerUniversity.objects.published().order_by("name")


class PartnerDetailView(DetailView):
    template_name = "partners/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return PartnerUniversity.objects.published()
