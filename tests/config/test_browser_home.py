import pytest

from tests.conftest import ARTIFACTS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_home_renders_at_phone_width(browser_page, live_server) -> None:
    page = browser_page
    page.goto(f"{live_server.url}/ru/")
    assert page.locator("html").get_attribute("lang") == "ru"
    # Nothing overflows sideways on a 375 px phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(ARTIFACTS / "home-phone-ru.png"), full_page=True)
    assert (ARTIFACTS / "home-phone-ru.png").stat().st_size > 1000
    assert page.js_errors == []
