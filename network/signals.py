from registrations.signals import registration_erased


def connect():
    from .services import erase_profile

    registration_erased.connect(erase_profile, dispatch_uid="network-erase-profile")
