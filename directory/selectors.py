"""What other apps may ask of the directory app."""


def support_matcher_context(request):
    """Template context for the support matcher shown on the project holder's guide.

    Empty until the directory's public finder lands; the guide then renders the matcher form.
    """
    return {}
