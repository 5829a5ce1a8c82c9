"""The explorer walked in headless Chromium (see scripts/browser-check, which starts the server).

Environment: TRAMA_URL, TRAMA_ANALYST and TRAMA_VIEWER (API tokens). With --screenshots DIR,
each page is also saved as DIR/<name>.png at 1440x900.
"""
import argparse
import os
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["TRAMA_URL"]
failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)


def browser():
    options = Options()
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(path):
            options.binary_location = path
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,900", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_window_size(1440, 900)
    return driver


def sign_in(driver, token, next_path="/"):
    driver.get(BASE + "/login?next=" + urllib.parse.quote(next_path))
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.CSS_SELECTOR, ".sign-in button[type=submit]").click()
    WebDriverWait(driver, 20).until(lambda d: "/login" not in d.current_url)


def shot(driver, directory, name):
    if directory:
        os.makedirs(directory, exist_ok=True)
        driver.save_screenshot(os.path.join(directory, name + ".png"))


def console_errors(driver):
    try:
        return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    except Exception:
        return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshots")
    a = parser.parse_args()

    driver = browser()
    try:
        # Signed out, every page leads to the sign-in form, and back after it.
        driver.get(BASE + "/entities/firm:F0000001")
        check("/login" in driver.current_url, "a signed-out visitor is sent to sign in")
        shot(driver, a.screenshots, "login")
        sign_in(driver, os.environ["TRAMA_ANALYST"], "/")
        check(driver.find_elements(By.CSS_SELECTOR, ".big-search input"), "signed in as an analyst: the start page with its search box")
        shot(driver, a.screenshots, "start")

        # Search -> entity.
        box = driver.find_element(By.CSS_SELECTOR, ".big-search input")
        box.send_keys("Obras")
        box.submit()
        WebDriverWait(driver, 20).until(lambda d: "/search" in d.current_url)
        rows = driver.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
        check(len(rows) > 0, f"searching 'Obras' lists {len(rows)} results")
        page = driver.page_source
        check("window.pwned" not in str(driver.execute_script("return String(window.pwned)")) and driver.execute_script("return window.pwned") is None,
              "a firm named <script>…</script> is not run on the search page")
        names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "table.results a.entity")]
        check(any("<script>window.pwned = 1</script>" in n for n in names), "…and its name is shown as text")
        shot(driver, a.screenshots, "search")

        driver.get(BASE + "/entities/firm:XSS1")
        check(driver.execute_script("return window.pwned") is None, "the markup firm's own page runs none of its name")
        check("<script>window.pwned" in driver.find_element(By.TAG_NAME, "h1").text, "…and shows it as its title")

        driver.get(BASE + "/entities/firm:F0000001")
        check("F0000001" in driver.find_element(By.CSS_SELECTOR, ".reference").text, "the entity page names its reference")
        check(driver.find_elements(By.CSS_SELECTOR, ".identity .source"), "…and its source record")
        links = driver.find_elements(By.CSS_SELECTOR, "figure.map svg a")
        check(len(links) > 1, f"its neighbourhood map has {len(links)} linked entities")
        shot(driver, a.screenshots, "entity")
        tab = driver.find_elements(By.CSS_SELECTOR, ".tabs a")
        check(len(tab) > 0, "relationships are grouped by kind")

        # A map link leads to another entity's page.
        target = None
        for link in links:
            href = link.get_attribute("href") or link.get_attribute("xlink:href") or ""
            if "/entities/" in href and "F0000001" not in href:
                target = href
                driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, view: window}))", link)
                WebDriverWait(driver, 20).until(lambda d: "F0000001" not in d.current_url)
                break
        check(target is not None and "/entities/" in driver.current_url and "F0000001" not in driver.current_url,
              f"a map's entity leads to its page ({driver.current_url})")

        # Paths.
        driver.get(BASE + "/paths")
        driver.find_element(By.NAME, "from").send_keys("firm:F0000001")
        driver.find_element(By.NAME, "to").send_keys("firm:XSS1")
        driver.find_element(By.CSS_SELECTOR, ".path-form button").click()
        WebDriverWait(driver, 20).until(lambda d: "from=" in d.current_url)
        hops = driver.find_elements(By.CSS_SELECTOR, "table.hops tbody tr")
        check(len(hops) >= 1, f"the path finder shows {len(hops)} hop(s) from F0000001 to the markup firm")
        check("shareholders.csv:999" in driver.page_source, "…each with its source record")
        check(driver.execute_script("return window.pwned") is None, "…and runs none of the names it shows")
        shot(driver, a.screenshots, "paths")
        errors = console_errors(driver)
        check(not errors, "no errors in the browser's console" + (f": {[e.get('message') for e in errors][:3]}" if errors else ""))

        # Rings: the list, one ring's page with its map.
        driver.get(BASE + "/rings")
        ring_links = driver.find_elements(By.CSS_SELECTOR, "table.rings a[href^='/rings/']")
        check(len(ring_links) > 0, f"the latest scan lists {len(ring_links)} rings")
        shot(driver, a.screenshots, "rings")
        if ring_links:
            ring_links[0].click()
            WebDriverWait(driver, 20).until(lambda d: "/rings/" in d.current_url)
            check(driver.find_elements(By.CSS_SELECTOR, "figure.map svg a") and driver.find_elements(By.CSS_SELECTOR, "table.ties-table tbody tr"),
                  "a ring's page shows its map and its ties")
            shot(driver, a.screenshots, "ring")

        # Flags: filtered, sorted, with a CSV to download.
        driver.get(BASE + "/flags?sort=-value")
        flag_rows = driver.find_elements(By.CSS_SELECTOR, "table.flag-table tbody tr")
        check(len(flag_rows) > 0, f"the flags page lists {len(flag_rows)} flags")
        check(driver.find_elements(By.CSS_SELECTOR, "a[href^='/flags.csv']"), "…with a CSV download")
        shot(driver, a.screenshots, "flags")

        # Sign out, then as a viewer.
        driver.find_element(By.CSS_SELECTOR, ".sign-out button").click()
        WebDriverWait(driver, 20).until(lambda d: "/login" in d.current_url)
        check("/login" in driver.current_url, "signing out returns to the sign-in form")
        driver.get(BASE + "/")
        check("/login" in driver.current_url, "…and the session is over")

        sign_in(driver, os.environ["TRAMA_VIEWER"], "/entities/firm:F0000001")
        body = driver.page_source
        check("need the analyst role" in body and "[masked]" in body, "a viewer sees the neighbourhood with personal details masked")
        shot(driver, a.screenshots, "entity-viewer")
        check(not driver.find_elements(By.CSS_SELECTOR, "a[href='/paths']"), "…and no path finder in the bar")
        driver.get(BASE + "/paths?from=firm:F0000001&to=firm:XSS1")
        check("needs the analyst role" in driver.page_source, "…which refuses a viewer")
    finally:
        driver.quit()
    if failures:
        print(f"\n{len(failures)} browser check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("\nbrowser checks passed")


main()
