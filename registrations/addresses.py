"""E-mail addresses as stored and as compared, so that one person registers once."""

MAX_LENGTH = 254


def normalise_email(address):
    """(the address to write to, the address as compared): spaces trimmed, the domain in its
    ASCII (IDNA) form and lower case; compared without regard to case.

    Raises ValueError for a domain that IDNA cannot encode.
    """
    local, _, domain = address.strip().rpartition("@")
    email = f"{local}@{domain.encode('idna').decode('ascii').lower()}"
    return email, email.lower()
