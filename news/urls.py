# Routes of the news app that are not served by a page.
urlpatterns = []
