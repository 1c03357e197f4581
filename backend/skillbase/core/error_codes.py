"""Every `code` an error answer {"error": {"code", "message", "details"}} can carry, as one published enum.

Clients (the SPA, mobile apps, third parties) branch and translate on these; the Chinese `message` is for people.
The OpenAPI publishes this enum as the `ErrorCode` component and the error schema's `code` references it, so the
generated clients get the union type. `AppError` refuses a code that is not a member (core/errors.py), and
tests/unit/test_error_codes.py fails on a `code="..."` literal missing here and on a member that nothing uses.

Adding a code: add the member here (with its meaning), use it, regenerate openapi/openapi.json and the client.
Renaming or removing one breaks clients: do it only with a version note.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """The stable `code` of an error answer {"error": {"code", "message", "details"}}: what clients branch on and
    translate; `message` is the Chinese text for people."""

    # --- generic HTTP answers (core/errors.py defaults and handlers) ---------------------------------------------
    BAD_REQUEST = "BAD_REQUEST"  # the request cannot be understood
    MALFORMED_JSON = "MALFORMED_JSON"  # the body is not JSON at all
    UNAUTHORIZED = "UNAUTHORIZED"  # not logged in, or the login has expired
    FORBIDDEN = "FORBIDDEN"  # logged in but not allowed
    NOT_FOUND = "NOT_FOUND"  # does not exist, or the caller may not see it
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"  # the path exists, the method does not (see Allow)
    CONFLICT = "CONFLICT"  # conflicts with the current state
    INVALID_STATE = "INVALID_STATE"  # the record's state does not allow this action
    VALIDATION_ERROR = "VALIDATION_ERROR"  # the payload fails its rules; details lists {field, code, message}
    HTTP_ERROR = "HTTP_ERROR"  # any other HTTP error raised by the framework
    INTERNAL_ERROR = "INTERNAL_ERROR"  # a bug on our side; the request id in the logs says more
    DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"  # the database cannot be reached; retry after Retry-After

    # --- optimistic concurrency (core/concurrency.py) ------------------------------------------------------------
    STALE_VERSION = "STALE_VERSION"  # If-Match names an older version: someone else saved first
    IF_MATCH_REQUIRED = "IF_MATCH_REQUIRED"  # the update needs an If-Match version
    BAD_IF_MATCH = "BAD_IF_MATCH"  # If-Match is not a version number

    # --- input limits (core/limits.py, core/input.py) ------------------------------------------------------------
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"  # the body is over its size limit (details.limit_bytes)
    PAYLOAD_TOO_COMPLEX = "PAYLOAD_TOO_COMPLEX"  # too many keys or values, or nested too deep
    TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS"  # rate limited; retry after Retry-After

    # --- login, tokens and permissions (auth/, core/auth.py) -----------------------------------------------------
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"  # wrong e-mail or password
    INVALID_TOKEN = "INVALID_TOKEN"  # a token that is malformed, expired or revoked
    TOKEN_REUSED = "TOKEN_REUSED"  # a refresh token used twice: its whole family is revoked
    PERMISSION_DENIED = "PERMISSION_DENIED"  # the caller lacks the permission the route needs
    PERSON_REQUIRED = "PERSON_REQUIRED"  # a route for a person's own account (/me, password) called by a machine client

    # --- accounts and passwords (accounts/, core/passwords.py) ---------------------------------------------------
    EMAIL_TAKEN = "EMAIL_TAKEN"  # another account already uses this e-mail
    WRONG_PASSWORD = "WRONG_PASSWORD"  # the current password given to change it is wrong
    PASSWORD_TOO_COMMON = "PASSWORD_TOO_COMMON"  # the new password is on the common-passwords list
    CANNOT_DISABLE_SELF = "CANNOT_DISABLE_SELF"  # an administrator may not disable their own account

    # --- organisations (organizations/) --------------------------------------------------------------------------
    CREDIT_CODE_TAKEN = "CREDIT_CODE_TAKEN"  # the unified social credit code is already registered
    CREDIT_CODE_DIVISION = "CREDIT_CODE_DIVISION"  # a warning (registration `warnings`), not an error: code of another division
    ORGANIZATION_NOT_PENDING = "ORGANIZATION_NOT_PENDING"  # only a pending registration can be verified or rejected
    NOT_ORG_OWNER = "NOT_ORG_OWNER"  # only the organisation's owner may do this
    CANNOT_REMOVE_SELF = "CANNOT_REMOVE_SELF"  # an organisation owner may not delete their own account

    # --- calls (calls/) ------------------------------------------------------------------------------------------
    CALL_INVALID_STATE = "CALL_INVALID_STATE"  # the call's status does not allow this transition
    CALL_FIELDS_LOCKED = "CALL_FIELDS_LOCKED"  # these fields cannot change once the call is published
    CALL_DATES_OUT_OF_ORDER = "CALL_DATES_OUT_OF_ORDER"  # the call's dates are not in order
    CALL_NOT_ACCEPTING = "CALL_NOT_ACCEPTING"  # the call is not open for applications now

    # --- applications (applications/) ----------------------------------------------------------------------------
    NOT_AN_APPLICANT = "NOT_AN_APPLICANT"  # only users of an applicant organisation create applications
    NOT_APPLICANT_OF_APPLICATION = "NOT_APPLICANT_OF_APPLICATION"  # only the applying organisation edits or submits
    BASE_TYPE_NOT_IN_CALL = "BASE_TYPE_NOT_IN_CALL"  # the call does not accept this base type
    DUPLICATE_APPLICATION = "DUPLICATE_APPLICATION"  # an open application of this type in this call exists
    EXCLUSIVE_BASE_TYPES = "EXCLUSIVE_BASE_TYPES"  # skills-upgrading and industry-chain bases never together
    APPLICATION_NOT_EDITABLE = "APPLICATION_NOT_EDITABLE"  # the application is not a draft or returned
    APPLICATION_INVALID_STATE = "APPLICATION_INVALID_STATE"  # the application's status does not allow this
    SUBMISSION_REFUSED = "SUBMISSION_REFUSED"  # submission checks failed; details lists the failed checks

    # --- uploads (files/) ----------------------------------------------------------------------------------------
    EMPTY_FILE = "EMPTY_FILE"  # the uploaded file is empty
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE"  # the file's content is not an accepted type
    FILE_MALFORMED = "FILE_MALFORMED"  # the file is damaged or does not match its type
    FILE_UNSAFE_CONTENT = "FILE_UNSAFE_CONTENT"  # the file carries active content (scripts, embedded files)
    FILE_QUARANTINED = "FILE_QUARANTINED"  # the virus scan found something; the file is quarantined
    VIRUS_SCAN_UNAVAILABLE = "VIRUS_SCAN_UNAVAILABLE"  # the virus scanner cannot be reached; retry later

    # --- experts and reviews (experts/, reviews/) ----------------------------------------------------------------
    EXPERT_INVALID = "EXPERT_INVALID"  # the expert's employer organisation does not exist
    PANEL_INVALID = "PANEL_INVALID"  # the panel's composition breaks a rule
    PANEL_EXISTS = "PANEL_EXISTS"  # the application already has a panel
    NOT_PANEL_LEAD = "NOT_PANEL_LEAD"  # only the panel's lead may do this
    DECLARATION_REQUIRED = "DECLARATION_REQUIRED"  # the expert must first declare no conflict of interest
    ALREADY_DECLARED = "ALREADY_DECLARED"  # the declaration was already made
    REVIEW_LOCKED = "REVIEW_LOCKED"  # the review can no longer change
    REVIEW_EMPTY = "REVIEW_EMPTY"  # nothing of the review has been filled in yet
    REVIEW_INCOMPLETE = "REVIEW_INCOMPLETE"  # some scores or opinions are missing
    REVIEW_ALREADY_SUBMITTED = "REVIEW_ALREADY_SUBMITTED"  # the review was already submitted
    REVIEWS_INCOMPLETE = "REVIEWS_INCOMPLETE"  # not every expert of the panel has submitted
    SCORES_INVALID = "SCORES_INVALID"  # a score is outside its item's range
    PANEL_OPINION_MISSING = "PANEL_OPINION_MISSING"  # the panel's collective opinion is missing

    # --- publicity and recognition (publicity/) ------------------------------------------------------------------
    NOTICE_INVALID = "NOTICE_INVALID"  # the applications listed on the notice break a rule (details lists them)
    NOTICE_PERIOD_INVALID = "NOTICE_PERIOD_INVALID"  # the publicity period breaks a rule (details lists them)
    NOTICE_ALREADY_PUBLISHED = "NOTICE_ALREADY_PUBLISHED"  # the notice is already published
    NOT_IN_PUBLICITY_PERIOD = "NOT_IN_PUBLICITY_PERIOD"  # objections are taken only during the period
    NOT_IN_NOTICE = "NOT_IN_NOTICE"  # the application is not on this notice
    OBJECTION_TARGET_REQUIRED = "OBJECTION_TARGET_REQUIRED"  # an objection must name the application it concerns
    OBJECTION_ATTACHMENT_CLOSED = "OBJECTION_ATTACHMENT_CLOSED"  # the objection has its attachment or is decided
    OBJECTION_DECIDED = "OBJECTION_DECIDED"  # the objection was already decided
    OBJECTIONS_PENDING = "OBJECTIONS_PENDING"  # undecided objections block recognition
    PUBLICITY_NOT_OVER = "PUBLICITY_NOT_OVER"  # recognition waits until the publicity period ends
    PUBLICITY_PERIOD_INCOMPLETE = "PUBLICITY_PERIOD_INCOMPLETE"  # the period was too short to recognise on
    ALREADY_RECOGNISED = "ALREADY_RECOGNISED"  # the application is already recognised
    DOCUMENT_NUMBER_TAKEN = "DOCUMENT_NUMBER_TAKEN"  # the recognition document number is used already
    NOTHING_TO_RECOGNISE = "NOTHING_TO_RECOGNISE"  # no application on the notice can be recognised
    PLAQUE_ALREADY_ISSUED = "PLAQUE_ALREADY_ISSUED"  # the base's plaque was issued already

    # --- rosters and duplicates (rosters/) -----------------------------------------------------------------------
    ROSTER_HAS_NO_ERRORS = "ROSTER_HAS_NO_ERRORS"  # the roster did not fail validation: there is no error report
    DUPLICATE_ALREADY_RESOLVED = "DUPLICATE_ALREADY_RESOLVED"  # the duplicate group was resolved already
    DUPLICATE_ROW_NOT_IN_GROUP = "DUPLICATE_ROW_NOT_IN_GROUP"  # the row chosen to count is not one of the group's rows
    # --- bases under construction and their monthly reports (bases/, reports/) -----------------------------------
    NOT_BASE_ORGANIZATION = "NOT_BASE_ORGANIZATION"  # only the base's own organisation may do this
    REPORT_NOT_EDITABLE = "REPORT_NOT_EDITABLE"  # the report is submitted or accepted: not editable now
    REPORT_INVALID_STATE = "REPORT_INVALID_STATE"  # the report's status does not allow this transition
    ROSTER_IMPORT_PENDING = "ROSTER_IMPORT_PENDING"  # a roster of the report is still queued or importing
    RETURN_REASONS_REQUIRED = "RETURN_REASONS_REQUIRED"  # returning a report needs a reason for each part returned
    COMPETITION_INVALID = "COMPETITION_INVALID"  # dates outside the report's month, or more winners than contestants
