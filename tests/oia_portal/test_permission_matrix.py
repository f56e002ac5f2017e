"""Who reaches which URL: generated from the URL resolver, compared with a literal table.

Every URL the portal answers (the admin with every third-party view in it: import,
export, history, autocomplete, simple-history versions; the private-file downloads;
the public pages) is requested by each role: an anonymous visitor, a staff user
with no group, each staff group, a superuser. The answers must be exactly the
table below. A URL that is added later has no row, and the test fails until
someone writes down who may reach it; a row whose URL is gone fails too.

The table's columns follow ROLES. Outcomes of a GET: OK (200), LOGIN (sent to the
admin login), DENIED (403), REDIRECT (another redirect), GONE (404). A URL that takes
only POST (GET answers 405) is posted to, empty, and its outcome is written POST_OK,
POST_DENIED... (an empty post changes nothing: it only shows or returns errors).
"""

import pytest
from django.test import Client

from core.private_files import PrivateFileField
from core.roles import ROLE_PERMISSIONS, actions_for
from tests import urlwalk
from tests.core import users
from tests.samples import make_samples, missing_samples

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
NO_GROUP = "staff without a group"
SUPERUSER = "superuser"
# Every staff group has a column: a new group makes every row one value short until it is written down.
ROLES = [ANONYMOUS, NO_GROUP, *ROLE_PERMISSIONS, SUPERUSER]

OK, LOGIN, DENIED, REDIRECT, GONE, METHOD = "OK", "LOGIN", "DENIED", "REDIRECT", "GONE", "METHOD"
POST_OK, POST_LOGIN, POST_DENIED, POST_REDIRECT, POST_GONE = (f"POST_{o}" for o in (OK, LOGIN, DENIED, REDIRECT, GONE))

# Columns: anonymous, staff without a group, Partnerships, Exchange coordinators, Communications,
# Data protection, Department approvers, superuser.
EXPECTED = {
    'admin/r/<events.event>/': (LOGIN, DENIED, DENIED, DENIED, REDIRECT, DENIED, DENIED, REDIRECT),
    'admin/r/<events.newsarticle>/': (LOGIN, DENIED, DENIED, DENIED, REDIRECT, DENIED, DENIED, REDIRECT),
    'admin/r/<exchanges.exchangeprogram>/': (LOGIN, DENIED, DENIED, REDIRECT, DENIED, DENIED, DENIED, REDIRECT),
    'admin/r/<partners.partneruniversity>/': (LOGIN, DENIED, REDIRECT, REDIRECT, REDIRECT, DENIED, DENIED, REDIRECT),
    'admin/r/<scholars.scholar>/': (LOGIN, DENIED, DENIED, DENIED, REDIRECT, DENIED, DENIED, REDIRECT),
    'admin/': (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    'admin/login/': (OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/logout/': (REDIRECT, POST_OK, POST_OK, POST_OK, POST_OK, POST_OK, POST_OK, POST_OK),
    'admin/password_change/': (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    'admin/password_change/done/': (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    'admin/autocomplete/?app_label=events&model_name=event&field_name=speakers': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=events&model_name=event&field_name=partners': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=events&model_name=registration&field_name=event': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=exchanges&model_name=exchangeprogram&field_name=partner': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=exchanges&model_name=exchangeprogram&field_name=agreement': (LOGIN, DENIED, OK, OK, DENIED, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=exchanges&model_name=mobilityrecord&field_name=partner': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=exchanges&model_name=mobilityrecord&field_name=programme': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=partners&model_name=agreement&field_name=partner': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=partners&model_name=agreement&field_name=renewal_of': (LOGIN, DENIED, OK, OK, DENIED, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=partners&model_name=agreement&field_name=owner': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=partners&model_name=agreementdocument&field_name=agreement': (LOGIN, DENIED, OK, OK, DENIED, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=partners&model_name=partnercontact&field_name=partner': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=scholars&model_name=scholar&field_name=home_partner': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=scholars&model_name=visit&field_name=scholar': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=scholars&model_name=visit&field_name=partner': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/jsi18n/': (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    'admin/auth/group/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/group/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/group/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/group/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/group/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/group/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/auth/user/<id>/password/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/user/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/user/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/user/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/user/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/user/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/auth/user/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/axes/accessattempt/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accessattempt/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/axes/accessattempt/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accessattempt/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accessattempt/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accessattempt/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/axes/accesslog/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accesslog/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/axes/accesslog/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accesslog/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/axes/accesslog/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accesslog/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/axes/accessfailurelog/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accessfailurelog/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/axes/accessfailurelog/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accessfailurelog/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/axes/accessfailurelog/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/axes/accessfailurelog/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/procrastinate/procrastinatejob/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/procrastinate/procrastinatejob/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/procrastinate/procrastinatejob/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/procrastinate/procrastinatejob/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/procrastinate/procrastinatejob/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/procrastinate/procrastinatejob/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/outbox/message/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/outbox/message/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/outbox/message/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/outbox/message/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/outbox/message/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/outbox/message/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/outbox/batch/': (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    'admin/outbox/batch/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/outbox/batch/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    'admin/outbox/batch/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/outbox/batch/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    'admin/outbox/batch/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/core/sitesettings/^history/$': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/core/sitesettings/^$': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/core/sitesettings/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/core/sitesettings/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/core/sitesettings/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/core/sitesettings/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/core/sitesettings/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/core/sitesettings/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/partners/partneruniversity/process_import/': (LOGIN, POST_DENIED, POST_OK, POST_DENIED, POST_DENIED, POST_DENIED, POST_DENIED, POST_OK),
    'admin/partners/partneruniversity/import/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/partneruniversity/export/': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/partners/partneruniversity/<object_id>/history/<version_id>/': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/partners/partneruniversity/': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/partners/partneruniversity/add/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/partneruniversity/<path:object_id>/history/': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/partners/partneruniversity/<path:object_id>/delete/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/partneruniversity/<path:object_id>/change/': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/partners/partneruniversity/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/partners/agreement/documents/<int:pk>/download/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreement/process_import/': (LOGIN, POST_DENIED, POST_OK, POST_DENIED, POST_DENIED, POST_DENIED, POST_DENIED, POST_OK),
    'admin/partners/agreement/import/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreement/export/': (LOGIN, DENIED, OK, OK, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreement/<object_id>/history/<version_id>/': (LOGIN, DENIED, OK, OK, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreement/': (LOGIN, DENIED, OK, OK, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreement/add/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreement/<path:object_id>/history/': (LOGIN, DENIED, OK, OK, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreement/<path:object_id>/delete/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreement/<path:object_id>/change/': (LOGIN, DENIED, OK, OK, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreement/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/partners/agreementdocument/<object_id>/history/<version_id>/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementdocument/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementdocument/add/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementdocument/<path:object_id>/history/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementdocument/<path:object_id>/delete/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementdocument/<path:object_id>/change/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementdocument/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/partners/agreementreminder/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementreminder/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/partners/agreementreminder/<path:object_id>/history/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementreminder/<path:object_id>/delete/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementreminder/<path:object_id>/change/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/agreementreminder/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/partners/partnercontact/<object_id>/history/<version_id>/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/partnercontact/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/partnercontact/add/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/partnercontact/<path:object_id>/history/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/partnercontact/<path:object_id>/delete/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/partnercontact/<path:object_id>/change/': (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/partners/partnercontact/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/exchanges/exchangeprogram/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/exchangeprogram/add/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/exchangeprogram/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/exchangeprogram/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/exchangeprogram/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/exchangeprogram/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/exchanges/applicationcall/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/applicationcall/add/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/applicationcall/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/applicationcall/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/applicationcall/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/applicationcall/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/exchanges/application/<int:pk>/status/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/application/<int:pk>/documents/<int:document_pk>/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/application/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/application/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/exchanges/application/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/application/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/application/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/application/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/exchanges/mobilityrecord/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/mobilityrecord/add/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/mobilityrecord/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/mobilityrecord/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/mobilityrecord/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/mobilityrecord/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/scholars/scholar/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/scholar/add/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/scholar/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/scholar/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/scholar/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/scholar/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/scholars/visit/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/visit/add/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/visit/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/visit/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/visit/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/scholars/visit/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/events/event/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/event/add/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/event/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/event/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/event/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/event/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/events/registration/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/registration/add/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/registration/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/registration/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/registration/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/registration/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/events/newsarticle/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/newsarticle/add/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/newsarticle/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/newsarticle/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/newsarticle/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    'admin/events/newsarticle/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/privacy/accesslogentry/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/privacy/accesslogentry/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/privacy/accesslogentry/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/privacy/accesslogentry/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/privacy/accesslogentry/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/privacy/accesslogentry/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/privacy/retentionrule/': (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    'admin/privacy/retentionrule/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/privacy/retentionrule/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    'admin/privacy/retentionrule/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/privacy/retentionrule/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    'admin/privacy/retentionrule/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/privacy/retentionrun/': (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    'admin/privacy/retentionrun/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/privacy/retentionrun/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    'admin/privacy/retentionrun/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/privacy/retentionrun/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    'admin/privacy/retentionrun/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/privacy/privacyrequest/': (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    'admin/privacy/privacyrequest/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/privacy/privacyrequest/<path:object_id>/history/': (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    'admin/privacy/privacyrequest/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/privacy/privacyrequest/<path:object_id>/change/': (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    'admin/privacy/privacyrequest/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/auth/': (LOGIN, GONE, GONE, GONE, GONE, GONE, GONE, OK),
    'admin/axes/': (LOGIN, GONE, GONE, GONE, GONE, GONE, GONE, OK),
    'admin/events/': (LOGIN, GONE, GONE, GONE, OK, GONE, GONE, OK),
    'admin/exchanges/': (LOGIN, GONE, GONE, OK, GONE, GONE, GONE, OK),
    'admin/core/': (LOGIN, GONE, GONE, OK, GONE, GONE, GONE, OK),
    'admin/outbox/': (LOGIN, GONE, GONE, OK, OK, GONE, GONE, OK),
    'admin/partners/': (LOGIN, GONE, OK, OK, OK, GONE, GONE, OK),
    'admin/privacy/': (LOGIN, GONE, GONE, GONE, GONE, OK, GONE, OK),
    'admin/procrastinate/': (LOGIN, GONE, GONE, GONE, GONE, GONE, GONE, OK),
    'admin/scholars/': (LOGIN, GONE, GONE, GONE, OK, GONE, GONE, OK),
    'admin/<anything else>': (LOGIN, GONE, GONE, GONE, GONE, GONE, GONE, GONE),
    'robots.txt': (OK, OK, OK, OK, OK, OK, OK, OK),
    'favicon.ico': (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'sitemap.xml': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/about/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/search/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/partners/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/partners/map/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/partners/<slug:slug>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/partners/<slug:slug>/fact-sheet/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/programmes/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/programmes/calls/<slug:slug>/apply/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/programmes/calls/<slug:slug>/received/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/programmes/applications/resend/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/programmes/applications/<str:token>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/programmes/<slug:slug>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/scholars/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/scholars/teacher-exchange/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/scholars/<slug:slug>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/events/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/events/past/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/events/calendar/': (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    '<lang>/events/calendar/<int:year>/<int:month>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/events/calendar.ics': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/events/rss/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/events/atom/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/events/registrations/<str:token>/cancel/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/events/<slug:slug>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/events/<slug:slug>/event.ics': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/news/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/news/rss/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/news/atom/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/news/preview/<int:pk>/': (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    '<lang>/news/<slug:slug>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/statistics/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/privacy/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/privacy/<slug:slug>/<str:token>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/privacy/<slug:slug>/<str:token>/export/': (OK, OK, OK, OK, OK, OK, OK, OK),
    # Selection, nominations and checklists (exchange coordinators); incoming students and the partners' JSON.
    'admin/r/<incoming.factsheet>/': (LOGIN, DENIED, DENIED, REDIRECT, DENIED, DENIED, DENIED, REDIRECT),
    'admin/r/<incoming.nominationlink>/': (LOGIN, DENIED, DENIED, REDIRECT, DENIED, DENIED, DENIED, REDIRECT),
    'admin/autocomplete/?app_label=incoming&model_name=nominationlink&field_name=partner': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/exchanges/checklistanswer/<int:pk>/document/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/checklistanswer/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/checklistanswer/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/exchanges/checklistanswer/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/checklistanswer/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/checklistanswer/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/checklistanswer/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/exchanges/languagescoreband/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/languagescoreband/add/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/languagescoreband/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/languagescoreband/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/languagescoreband/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/languagescoreband/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/exchanges/nomination/<int:pk>/letter/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/nomination/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/nomination/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/exchanges/nomination/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/nomination/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/nomination/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/nomination/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/exchanges/partnerdispatch/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/partnerdispatch/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/exchanges/partnerdispatch/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/partnerdispatch/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/partnerdispatch/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/partnerdispatch/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/exchanges/waitinglistentry/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/waitinglistentry/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/exchanges/waitinglistentry/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/waitinglistentry/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/waitinglistentry/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/waitinglistentry/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/exchanges/applicationcall/<int:pk>/checklists/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/applicationcall/<int:pk>/placement/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/exchanges/applicationcall/<int:pk>/nominations/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/incomingapplication/<int:pk>/status/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/incomingapplication/<int:pk>/documents/<int:document_pk>/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/incomingapplication/<int:pk>/acceptance-letter.pdf': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/incomingapplication/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/incomingapplication/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/incoming/incomingapplication/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/incomingapplication/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/incomingapplication/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/incomingapplication/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/incoming/nominationlink/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/nominationlink/add/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/nominationlink/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/nominationlink/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/nominationlink/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/nominationlink/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/incoming/nominationlogentry/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/nominationlogentry/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/incoming/nominationlogentry/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/nominationlogentry/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/incoming/nominationlogentry/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/nominationlogentry/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/incoming/factsheet/^history/$': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/factsheet/^$': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/factsheet/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/factsheet/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/incoming/factsheet/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/factsheet/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/incoming/factsheet/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/incoming/factsheet/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/incoming/': (LOGIN, GONE, GONE, OK, GONE, GONE, GONE, OK),
    'api/v1/partners.json': (OK, OK, OK, OK, OK, OK, OK, OK),
    'api/v1/agreements.json': (OK, OK, OK, OK, OK, OK, OK, OK),
    'api/v1/agreements/<int:iia_id>.json': (OK, OK, OK, OK, OK, OK, OK, OK),
    'api/v1/factsheet.json': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/programmes/calls/<slug:slug>/results/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/incoming/fact-sheet/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/incoming/fact-sheet.pdf': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/incoming/nominate/<str:token>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/incoming/applications/<str:token>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/incoming/applications/<str:token>/acceptance-letter.pdf': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/incoming/letters/<str:code>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    # Departments are data (core); the exchange coordinators keep the list.
    'admin/core/department/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/core/department/add/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/core/department/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/core/department/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/core/department/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/core/department/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    # The stay abroad (issue 15). The Department approvers column is a member linked to no department:
    # outside their departments, objects are missing (404 or the admin's redirect), lists are empty.
    'admin/r/<abroad.courseequivalence>/': (LOGIN, DENIED, DENIED, REDIRECT, DENIED, DENIED, DENIED, REDIRECT),
    'admin/r/<abroad.experiencereport>/': (LOGIN, DENIED, DENIED, REDIRECT, DENIED, DENIED, DENIED, REDIRECT),
    'admin/autocomplete/?app_label=abroad&model_name=courseequivalence&field_name=partner': (LOGIN, DENIED, OK, OK, OK, DENIED, DENIED, OK),
    'admin/autocomplete/?app_label=abroad&model_name=departmentstaff&field_name=user': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/learningagreement/<int:pk>/learning-agreement.pdf': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, GONE, OK),
    'admin/abroad/learningagreement/versions/<int:pk>/decide/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, GONE, OK),
    'admin/abroad/learningagreement/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, OK, OK),
    'admin/abroad/learningagreement/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/abroad/learningagreement/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, REDIRECT, OK),
    'admin/abroad/learningagreement/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/abroad/learningagreement/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, REDIRECT, OK),
    'admin/abroad/learningagreement/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/abroad/recognition/<int:pk>/transcript/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, GONE, OK),
    'admin/abroad/recognition/<int:pk>/recognise/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, GONE, OK),
    'admin/abroad/recognition/<int:pk>/recognition.pdf': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, GONE, OK),
    'admin/abroad/recognition/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, OK, OK),
    'admin/abroad/recognition/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/abroad/recognition/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, REDIRECT, OK),
    'admin/abroad/recognition/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    'admin/abroad/recognition/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, REDIRECT, OK),
    'admin/abroad/recognition/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/abroad/courseequivalence/process_import/': (LOGIN, POST_DENIED, POST_DENIED, POST_OK, POST_DENIED, POST_DENIED, POST_DENIED, POST_OK),
    'admin/abroad/courseequivalence/import/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/courseequivalence/export/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/courseequivalence/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/courseequivalence/add/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/courseequivalence/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/courseequivalence/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/courseequivalence/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/courseequivalence/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/abroad/experiencereport/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/experiencereport/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/abroad/experiencereport/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/experiencereport/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/experiencereport/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/experiencereport/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/abroad/abroadmessage/now/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, OK, OK),
    'admin/abroad/abroadmessage/now/export/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, OK, OK),
    'admin/abroad/abroadmessage/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, OK, OK),
    'admin/abroad/abroadmessage/add/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/abroad/abroadmessage/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, OK, OK),
    'admin/abroad/abroadmessage/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    'admin/abroad/abroadmessage/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, OK, OK),
    'admin/abroad/abroadmessage/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/abroad/departmentstaff/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/departmentstaff/add/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/departmentstaff/<path:object_id>/history/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/departmentstaff/<path:object_id>/delete/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/departmentstaff/<path:object_id>/change/': (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    'admin/abroad/departmentstaff/<path:object_id>/': (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    'admin/abroad/': (LOGIN, GONE, GONE, OK, GONE, GONE, OK, OK),
    '<lang>/abroad/courses/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/abroad/reports/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/abroad/reports/rss/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/abroad/reports/atom/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/abroad/reports/<int:pk>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/abroad/students/<str:token>/': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/abroad/students/<str:token>/learning-agreement.pdf': (OK, OK, OK, OK, OK, OK, OK, OK),
    '<lang>/abroad/students/<str:token>/recognition.pdf': (OK, OK, OK, OK, OK, OK, OK, OK),
}


def outcome(response):
    if response.status_code in (301, 302):
        return LOGIN if "/admin/login/" in response["Location"] else REDIRECT
    return {200: OK, 403: DENIED, 404: GONE, 405: METHOD}.get(response.status_code, str(response.status_code))


def user_for(role):
    if role == SUPERUSER:
        return users.superuser("matrix-root")
    if role == ANONYMOUS:
        return None
    groups = [] if role == NO_GROUP else [role]
    return users.staff(username=f"matrix-{ROLES.index(role)}", groups=groups)


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world():
    """The sample rows and every URL built from them."""
    samples = make_samples()
    assert not missing_samples(samples), f"add a sample row to tests/samples.py for {missing_samples(samples)}"
    people = {role: user_for(role) for role in ROLES}
    root = client_for(people[SUPERUSER])
    found = list(urlwalk.targets(samples, lambda path: root.get(path).status_code != 404))
    return samples, found, people


def observed(user, found):
    client = client_for(user)
    table = {}
    for target in found:
        result = outcome(client.get(target.path))
        if result == METHOD:
            # A client of its own: posting to logout must not end the session of the others.
            result = f"POST_{outcome(client_for(user).post(target.path, {}))}"
        table[target.key] = result
    return table


def test_each_role_reaches_exactly_what_the_table_says(world):
    _samples, found, people = world
    keys = [target.key for target in found]
    assert len(set(keys)) == len(keys), "two URLs share a row name"
    assert {len(row) for row in EXPECTED.values()} == {len(ROLES)}, f"every row needs a value for each of {ROLES}"
    assert sorted(set(keys) - set(EXPECTED)) == [], "new URLs: write down in EXPECTED who may reach them"
    assert sorted(set(EXPECTED) - set(keys)) == [], "rows for URLs that no longer exist"
    wrong = {}
    for column, role in enumerate(ROLES):
        got = observed(people[role], found)
        for key, result in got.items():
            if EXPECTED[key][column] != result:
                wrong[f"{role}: {key}"] = f"expected {EXPECTED[key][column]}, got {result}"
    assert wrong == {}


def test_every_private_file_has_a_download_url_that_sends_it_as_an_attachment(world):
    """Each private file of the samples is served by some URL of the matrix, as an attachment."""
    samples, found, people = world
    root = client_for(people[SUPERUSER])
    private = [
        getattr(row, field.name)
        for row in samples.values()
        for field in row._meta.concrete_fields
        if isinstance(field, PrivateFileField) and getattr(row, field.name)
    ]
    assert private
    served = {}
    for target in found:
        if not target.route.is_admin:
            continue
        response = root.get(target.path)
        if response.get("Content-Disposition", "").startswith("attachment") and response.streaming:
            served[target.key] = b"".join(response.streaming_content)
    for fieldfile in private:
        with fieldfile.storage.open(fieldfile.name, "rb") as handle:
            content = handle.read()
        assert content in served.values(), f"no URL sends {fieldfile.instance._meta.label}.{fieldfile.field.name}"


def test_autocomplete_rows_show_no_role_more_than_it_may_read():
    """An autocomplete lists rows of the field's target model: a role reaches it only when it may
    read that model's changelist, or picks staff (a user field) on a form it may change."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    unsensible = {}
    for key, row in EXPECTED.items():
        if not key.startswith("admin/autocomplete/"):
            continue
        query = dict(part.split("=") for part in key.split("?", 1)[1].split("&"))
        source = apps.get_model(query["app_label"], query["model_name"])
        target = source._meta.get_field(query["field_name"]).remote_field.model
        target_list = EXPECTED.get(f"admin/{target._meta.app_label}/{target._meta.model_name}/")
        for column, role in enumerate(ROLES):
            allowed = target_list is not None and target_list[column] == OK
            if target is get_user_model() and role in ROLE_PERMISSIONS:
                allowed = allowed or "change" in actions_for(role, source._meta.app_label, source._meta.model_name)
            if (row[column] == OK) != allowed:
                unsensible[f"{role}: {key}"] = row[column]
    assert unsensible == {}
