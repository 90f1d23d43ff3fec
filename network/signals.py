from registrations.signals import registration_changed, registration_erased


def connect():
    from .meetings import end_meetings_after_change, forget_meeting_texts
    from .services import erase_profile

    registration_erased.connect(erase_profile, dispatch_uid="network-erase-profile")
    registration_erased.connect(forget_meeting_texts, dispatch_uid="network-forget-meetings")
    registration_changed.connect(end_meetings_after_change, dispatch_uid="network-end-meetings")
