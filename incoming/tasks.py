"""Jobs of the incoming app: the PDFs too slow to build in a request (see incoming/letters.py)."""

from incoming import letters
from jobs.queue import job


@job(name="incoming.issue_acceptance_letter")
def issue_acceptance_letter(application_id):
    letters.issue_acceptance_letter(application_id)


@job(name="incoming.rebuild_fact_sheet_pdfs")
def rebuild_fact_sheet_pdfs():
    letters.rebuild_fact_sheet_pdfs()
