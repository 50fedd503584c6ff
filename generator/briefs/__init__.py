"""Editorial briefs: the committee, the workflow, the brief files and the views over them.

- :mod:`.committee`: ``committee.yml`` (members, journalists, editor, cadence).
- :mod:`.workflow`: statuses, transitions, roles, gates, due offsets (``workflow.yml`` or the default).
- :mod:`.store`: read, create and surgically update brief files.
- :mod:`.moves`: move and assign briefs (checks the workflow and the person's role).
- :mod:`.listing`, :mod:`.agenda`, :mod:`.calendar`: list/show, committee agenda and load, calendar and ICS.
"""
