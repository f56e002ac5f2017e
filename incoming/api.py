"""Read-only JSON for partners' systems, in Erasmus Without Paper's field names and meanings.

EWP defines these documents in XML (Institutions, IIAs v7, Factsheet); the JSON keeps their
element names (kebab-case) and nesting where a field has a match, and says plainly in
README where it differs. Only what a partner may read leaves here: published partners,
their signed agreements' cooperation conditions, and our fact sheet, never internal notes,
documents, owners or contacts. Each answer is built from a fixed number of queries, and the
page cache keeps it like a public page (schemas/ in the repository describe every document).
"""

from django.http import Http404, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from incoming.models import FactSheet
from partners.models import Agreement, CooperationCondition, PartnerUniversity

API_VERSION = "1"
LANGUAGE_TAGS = {"en": "en", "zh_hant": "zh-Hant"}
SPEC_KEYS = {
    CooperationCondition.MobilityType.STUDENT_STUDIES: "student-studies-mobility-spec",
    CooperationCondition.MobilityType.STUDENT_TRAINEESHIP: "student-traineeship-mobility-spec",
    CooperationCondition.MobilityType.STAFF_TEACHING: "staff-teacher-mobility-spec",
    CooperationCondition.MobilityType.STAFF_TRAINING: "staff-training-mobility-spec",
}


def multilingual(instance, field):
    """EWP's StringWithOptionalLang list: one entry per language that has text."""
    entries = []
    for suffix, tag in LANGUAGE_TAGS.items():
        value = getattr(instance, f"{field}_{suffix}", "")
        if value:
            entries.append({"lang": tag, "value": value})
    return entries


def month_day(value):
    """EWP's xs:gMonthDay: "--04-15"."""
    return f"--{value}"


def json_response(payload):
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def envelope(**payload):
    sheet = FactSheet.get_solo()
    return {"api-version": API_VERSION, "hei-id": sheet.hei_id, "generated": timezone.now().isoformat(), **payload}


def partner_json(partner):
    return {
        "id": partner.slug,
        "hei-id": partner.hei_id or None,
        "name": multilingual(partner, "name"),
        "country": partner.country.code,
        "city": multilingual(partner, "city"),
        "website-url": partner.website or None,
    }


def condition_json(condition, ours, theirs):
    sending, receiving = (ours, theirs) if condition.direction == CooperationCondition.Direction.OUTGOING else (theirs, ours)
    spec = {
        "sending-hei-id": sending,
        "receiving-hei-id": receiving,
        "receiving-academic-year-id": condition.academic_years,
        "mobilities-per-year": condition.mobilities_per_year,
        "subject-area": [{"isced-f-code": code} for code in condition.subject_areas],
        "recommended-language-skill": [
            {"language": language, "cefr-level": level} for language, level in condition.language_skill_pairs()
        ],
    }
    if condition.mobility_type in CooperationCondition.STUDENT_TYPES:
        spec["eqf-level"] = list(condition.eqf_levels)
    if condition.total_months_per_year is not None:
        spec["total-months-per-year"] = float(condition.total_months_per_year)
    return spec


def agreement_json(agreement, ours):
    theirs = agreement.partner.hei_id or None
    conditions = {key: [] for key in SPEC_KEYS.values()}
    for condition in agreement.conditions.all():
        conditions[SPEC_KEYS[condition.mobility_type]].append(condition_json(condition, ours, theirs))
    return {
        "iia-id": str(agreement.pk),
        "partner": [
            {"hei-id": ours, "ounit-name": agreement.owning_unit or None, "signing-date": agreement.signed_on.isoformat()},
            {"hei-id": theirs, "id": agreement.partner.slug, "signing-date": agreement.signed_on.isoformat()},
        ],
        "level": agreement.level,
        "kind": agreement.kind,
        "start-date": agreement.starts_on.isoformat(),
        "end-date": agreement.ends_on.isoformat() if agreement.ends_on else None,
        "in-effect": agreement.is_in_force,
        "cooperation-conditions": conditions,
    }


def published_agreements():
    return (
        Agreement.objects.published()
        .select_related("partner")
        .prefetch_related("conditions")
        .order_by("partner__name", "starts_on", "pk")
    )


@require_GET
def partners(request):
    rows = PartnerUniversity.objects.published().order_by("name", "pk")
    return json_response(envelope(partners=[partner_json(partner) for partner in rows]))


@require_GET
def agreements(request):
    ours = FactSheet.get_solo().hei_id or None
    return json_response(envelope(iias=[agreement_json(agreement, ours) for agreement in published_agreements()]))


@require_GET
def agreement(request, iia_id):
    found = published_agreements().filter(pk=iia_id).first()
    if found is None:
        raise Http404
    ours = FactSheet.get_solo().hei_id or None
    return json_response(envelope(iia=agreement_json(found, ours)))


@require_GET
def factsheet(request):
    sheet = FactSheet.get_solo()

    def info(field, url):
        return {"text": multilingual(sheet, field), "website-url": url or None}

    return json_response(
        envelope(
            factsheet={
                "calendar": {
                    "student-nominations": {
                        "autumn-term": month_day(sheet.autumn_nomination_deadline),
                        "spring-term": month_day(sheet.spring_nomination_deadline),
                    },
                    "student-applications": {
                        "autumn-term": month_day(sheet.autumn_application_deadline),
                        "spring-term": month_day(sheet.spring_application_deadline),
                    },
                },
                "decision-weeks-limit": sheet.decision_weeks,
                "tor-weeks-limit": sheet.transcript_weeks,
                "application-info": {"email": sheet.contact_email or None, "phone-number": sheet.contact_phone or None},
                "housing-info": info("housing_info", sheet.housing_url),
                "visa-info": info("visa_info", sheet.visa_url),
                "insurance-info": info("insurance_info", sheet.insurance_url),
                "additional-requirement": [{"name": "language", "details": multilingual(sheet, "language_requirements")}],
                "academic-calendar": multilingual(sheet, "academic_calendar"),
            }
        )
    )
