"""Everything after recognition: the recognised base (基地) record and its commitments frozen from the call.

The later life of a base will live here as sub-packages of this one: `reports/` (monthly progress reports),
`evidence/` (output evidence: certificate and trainee rosters), `assessments/` (year-1, two-year and final assessments)
and `funding/` (tranches, awards, the dedicated account, claw-backs). `publicity` creates bases through
`bases.service.create_for_recognition`; nothing outside this package writes to the `bases` table.
"""
