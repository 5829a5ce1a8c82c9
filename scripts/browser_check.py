"""The explorer walked in headless Chromium (see scripts/browser-check, which starts the server).

Environment: TRAMA_URL, TRAMA_ANALYST and TRAMA_VIEWER (API tokens). With --screenshots DIR,
each page is also saved as DIR/<name>.png at 1440x900.
"""
import argparse
import os
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

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


def api_import(files, dataset):
    """Imports a GRAS folder (name -> CSV text) through the API as the admin and waits for its job."""
    import io
    import json
    import urllib.request
    import zipfile
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    headers = {"Authorization": "Bearer " + os.environ["TRAMA_ADMIN"], "Content-Type": "application/zip"}
    req = urllib.request.Request(f"{BASE}/api/v1/imports?dataset={dataset}", data=data.getvalue(), headers=headers, method="POST")
    with urllib.request.urlopen(req) as r:
        job = r.headers["Location"]
    for _ in range(120):
        with urllib.request.urlopen(urllib.request.Request(BASE + job, headers=headers)) as r:
            state = json.load(r)["state"]
        if state in ("succeeded", "failed"):
            return state
        time.sleep(0.5)
    return "timed out"


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

        # A new scan from the collusion pages, followed on its job's page until it is done.
        driver.get(BASE + "/rings")
        driver.find_element(By.CSS_SELECTOR, "section.scan button").click()
        WebDriverWait(driver, 20).until(lambda d: "/jobs/" in d.current_url)
        try:
            WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".state-succeeded, .state-failed"))
        except Exception:
            pass
        check(driver.find_elements(By.CSS_SELECTOR, ".facts .state-succeeded"), "a scan started from the rings page runs, its page following it to the end")
        shot(driver, a.screenshots, "job")

        # The scan's other reports, each a tab of the collusion section.
        for tab, table in (("losers", "losers"), ("pairs", "pairs"), ("tenders", "tenders")):
            driver.get(BASE + "/" + tab)
            rows = driver.find_elements(By.CSS_SELECTOR, f"table.{table} tbody tr")
            check(len(rows) > 0 and driver.find_elements(By.CSS_SELECTOR, ".tabs a[aria-current]"), f"the {tab} tab lists {len(rows)} rows")
            shot(driver, a.screenshots, tab)

        # Flags: filtered, sorted, with a CSV to download.
        driver.get(BASE + "/flags?sort=-value")
        flag_rows = driver.find_elements(By.CSS_SELECTOR, "table.flag-table tbody tr")
        check(len(flag_rows) > 0, f"the flags page lists {len(flag_rows)} flags")
        check(driver.find_elements(By.CSS_SELECTOR, "a[href^='/flags.csv']"), "…with a CSV download")
        shot(driver, a.screenshots, "flags")

        # Validation: the flags of a known case against its matched clean firm.
        flagged = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "table.flag-table tbody td a code")]
        driver.get(BASE + "/flags/validation")
        driver.find_element(By.NAME, "labels").send_keys((flagged[0] if flagged else "firm:F0000001") + ",1")
        driver.find_element(By.CSS_SELECTOR, "form[action='/flags/validation'] button").click()
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "p.summary, p.problem"))
        check(driver.find_elements(By.CSS_SELECTOR, "p.summary") and "known cases against" in driver.page_source,
              "the validation page compares a known case with its matched clean entity")
        shot(driver, a.screenshots, "validation")

        # The screen: every pair of a list of firms within four hops, each linked to its path.
        driver.get(BASE + "/paths/among")
        driver.find_element(By.NAME, "entities").send_keys("\n".join(f"firm:F{i:07d}" for i in range(1, 41)))
        driver.find_element(By.CSS_SELECTOR, "form[action='/paths/among'] button").click()
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "p.summary, p.problem"))
        screened = driver.find_elements(By.CSS_SELECTOR, "table.screen-pairs tbody tr")
        check(len(screened) > 0 and driver.find_elements(By.CSS_SELECTOR, "table.screen-pairs a[href^='/paths?from=']"),
              f"the screen lists {len(screened)} pairs of 40 firms within four hops, each linked to its path")
        shot(driver, a.screenshots, "screen")

        # Alerts: watch an entity from the inbox's form; it is listed with its list's own rules.
        driver.get(BASE + "/alerts")
        driver.find_element(By.CSS_SELECTOR, "form[action='/watchlists'] input[name='entity']").send_keys("firm:F0000001")
        driver.find_element(By.CSS_SELECTOR, "form[action='/watchlists'] button").click()
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "section.watchlist"))
        check(driver.find_elements(By.CSS_SELECTOR, "section.watchlist a[href='/entities/firm:F0000001']")
              and driver.find_elements(By.CSS_SELECTOR, "table.rules tbody tr"), "the inbox watches an entity and lists its list's own rules")
        shot(driver, a.screenshots, "alerts")

        # A case from an alert: one import for the new rules' first (quiet) look, one giving the
        # watched firm a new owner; the alert opens a case, which is put in review with a note.
        check(api_import({"people.csv": "PersonID,PersonName,DateOfBirth\nPBW1,Browser Walker,1970-01-01\n"}, "browser-quiet") == "succeeded",
              "an import through the API (the rules' first evaluation)")
        time.sleep(3)
        check(api_import({"firms.csv": "FirmID,FirmName\nF0000001,Omega Gomes Ingeniería Ltda.\n",
                          "people.csv": "PersonID,PersonName,DateOfBirth\nPBW2,Nova Dona,1970-01-01\n",
                          "shareholders.csv": "FirmID,ShareholderID,ShareholderName,ShareholderEntryDate,ShareholderExitDate,ShareholderCountry,Share\n"
                                              "F0000001,PBW2,Nova Dona,2024-06-01,,BR,5\n"}, "browser-owner") == "succeeded",
              "…and one giving the watched firm a new owner")
        for _ in range(30):
            driver.get(BASE + "/alerts")
            if driver.find_elements(By.CSS_SELECTOR, "table.alerts tbody tr"):
                break
            time.sleep(1)
        check(any("owns firm:F0000001" in r.text for r in driver.find_elements(By.CSS_SELECTOR, "table.alerts tbody tr")),
              "the inbox shows the new owner of the watched firm, with its evidence")
        shot(driver, a.screenshots, "inbox")
        driver.find_element(By.CSS_SELECTOR, "table.alerts form.open-case button").click()
        WebDriverWait(driver, 20).until(lambda d: "/cases/" in d.current_url)
        Select(driver.find_element(By.NAME, "status")).select_by_value("in_review")
        driver.find_element(By.NAME, "note").send_keys("asked the registry for the deed")
        driver.find_element(By.CSS_SELECTOR, "form.case-form button").click()
        WebDriverWait(driver, 20).until(lambda d: "asked the registry" in d.page_source)
        changes = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "table.history tbody tr")]
        check(len(changes) >= 4 and "in review" in driver.find_element(By.CSS_SELECTOR, ".summary").text,
              f"a case opened from the alert is put in review with a note ({len(changes)} changes in its history)")
        shot(driver, a.screenshots, "case")

        # Screening a supplier before an award: every part of the report on one page.
        driver.get(BASE + "/alerts")
        driver.find_element(By.LINK_TEXT, "Screen a supplier before an award").click()
        driver.find_element(By.NAME, "entity").send_keys("firm:F0000001")
        driver.find_element(By.CSS_SELECTOR, "form[action='/screen'] button").click()
        WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.TAG_NAME, "h2"))
        parts = [h.text for h in driver.find_elements(By.TAG_NAME, "h2")]
        check(all(p in parts for p in ["Red flags", "Owners up the chain", "Sanctions", "Ties to officials and politicians", "Court cases"]),
              f"the screening page shows every part ({', '.join(parts)})")
        shot(driver, a.screenshots, "screening")

        # Paths again, typing a name: the field suggests entities (trama.js, /suggest).
        driver.get(BASE + "/paths")
        field = driver.find_element(By.NAME, "from")
        field.send_keys("Obras")
        try:
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#from-suggestions option"))
        except Exception:
            pass
        options = driver.find_elements(By.CSS_SELECTOR, "#from-suggestions option")
        check(len(options) > 0 and all(":" in (o.get_attribute("value") or "") for o in options),
              f"typing a name in the path form suggests {len(options)} entities as kind:key")

        # Judges: the list, a judge's page with map, conflicts, lawyers and profile.
        driver.get(BASE + "/judges?flagged=true")
        judge_links = driver.find_elements(By.CSS_SELECTOR, "table.judges a[href^='/judges/']")
        check(len(judge_links) > 0, f"the judges list shows {len(judge_links)} flagged judges")
        shot(driver, a.screenshots, "judges")
        if judge_links:
            judge_links[0].click()
            WebDriverWait(driver, 20).until(lambda d: "/judges/judge:" in d.current_url)
            check(driver.find_elements(By.CSS_SELECTOR, "figure.map svg a"), "a judge's page draws the judge's network, its entities linked")
            conflicts = driver.find_elements(By.CSS_SELECTOR, ".conflict-list > li")
            check(len(conflicts) > 0 and driver.find_elements(By.CSS_SELECTOR, ".conflict-list table.hops"),
                  f"…lists {len(conflicts)} conflicts, each with its chain of hops")
            check("Lawyers before the judge" in driver.page_source and "Against the peers" in driver.page_source,
                  "…with the lawyer patterns and the profile against peers")
            shot(driver, a.screenshots, "judge")

        # Investigations: build one from an entity page, expand it, pin and note, save and
        # reopen it; build another from search results and merge it in.
        driver.get(BASE + "/entities/firm:F0000001")
        form = driver.find_element(By.CSS_SELECTOR, ".entity-head form.add-to-investigation")
        form.find_element(By.NAME, "name").send_keys("Browser walk")
        form.find_element(By.CSS_SELECTOR, "button").click()
        WebDriverWait(driver, 20).until(lambda d: "/investigations/" in d.current_url)
        first = driver.current_url.split("?")[0]
        check(driver.find_element(By.TAG_NAME, "h1").text == "Browser walk", "an entity page starts a named investigation")
        before = len(driver.find_elements(By.CSS_SELECTOR, "table.members tbody tr"))
        driver.find_element(By.XPATH, "//table[contains(@class,'members')]//form[input[@name='action' and @value='expand']]//button").click()
        WebDriverWait(driver, 20).until(lambda d: "did=expand" in d.current_url)
        after = len(driver.find_elements(By.CSS_SELECTOR, "table.members tbody tr"))
        check(after > before, f"expanding the firm adds its neighbours ({before} → {after} entities)")
        check(driver.find_elements(By.CSS_SELECTOR, "figure.map svg a"), "…and the investigation's map links each entity to its page")
        note = driver.find_element(By.CSS_SELECTOR, "table.members tbody tr .note-form textarea")
        note.send_keys("<b>lead</b>: check the shared owner")
        note.find_element(By.XPATH, "./ancestor::form//button").click()
        WebDriverWait(driver, 20).until(lambda d: "did=annotate" in d.current_url)
        driver.find_element(By.XPATH, "//table[contains(@class,'members')]//form[input[@name='pinned' and @value='true']]//button").click()
        WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "table.members .pin"))
        shot(driver, a.screenshots, "investigation")

        driver.get(BASE + "/investigations")
        shot(driver, a.screenshots, "investigations")
        driver.find_element(By.LINK_TEXT, "Browser walk").click()
        WebDriverWait(driver, 20).until(lambda d: d.current_url.split("?")[0] == first)
        notes = [t.get_attribute("value") for t in driver.find_elements(By.CSS_SELECTOR, ".note-form textarea")]
        check("<b>lead</b>: check the shared owner" in notes, "reopened, the investigation keeps its note (as text) and its pin")
        check(len(driver.find_elements(By.CSS_SELECTOR, "table.members tbody tr")) == after, "…and all its entities")

        driver.get(BASE + "/search?q=Obras")
        boxes = driver.find_elements(By.CSS_SELECTOR, "table.results input[type=checkbox]")[:2]
        for b in boxes:
            b.click()
        adder = driver.find_element(By.ID, "add-results")
        Select(adder.find_element(By.NAME, "id")).select_by_value("new")
        adder.find_element(By.NAME, "name").send_keys("From search")
        adder.find_element(By.CSS_SELECTOR, "button").click()
        WebDriverWait(driver, 20).until(lambda d: "/investigations/" in d.current_url)
        second_count = len(driver.find_elements(By.CSS_SELECTOR, "table.members tbody tr"))
        check(second_count == len(boxes), f"search results chosen start another investigation ({second_count} entities)")
        driver.get(first)
        Select(driver.find_element(By.NAME, "other")).select_by_visible_text(f"From search ({second_count})")
        driver.find_element(By.XPATH, "//form[input[@name='action' and @value='merge']]//button").click()
        WebDriverWait(driver, 20).until(lambda d: "did=merge" in d.current_url)
        merged = len(driver.find_elements(By.CSS_SELECTOR, "table.members tbody tr"))
        check(merged >= after and "Merged:" in driver.page_source, f"merging it in leaves {merged} entities")
        for fmt in ("svg", "png", "pdf"):
            href = driver.find_element(By.CSS_SELECTOR, f".downloads a[href*='map.{fmt}']").get_attribute("href")
            check(href.startswith(first + "/map." + fmt), f"the investigation's map downloads as {fmt.upper()}")
        check(driver.execute_script("return window.pwned") is None, "no name ran on the investigation pages")
        errors = console_errors(driver)
        check(not errors, "no errors in the browser's console on the investigation pages" + (f": {[e.get('message') for e in errors][:3]}" if errors else ""))

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
        for path in ("/investigations", "/jobs", "/audit"):
            driver.get(BASE + path)
            check("needs the" in driver.page_source and "role" in driver.page_source, f"…and {path}")
        check(not driver.find_elements(By.CSS_SELECTOR, ".sections a[href='/audit'], .sections a[href='/jobs'], .sections a[href='/investigations']"),
              "a viewer's bar has no admin or analyst sections")
        driver.find_element(By.CSS_SELECTOR, ".sign-out button").click()
        WebDriverWait(driver, 20).until(lambda d: "/login" in d.current_url)

        # An admin: the imports and jobs page, and the audit log naming who looked.
        sign_in(driver, os.environ["TRAMA_ADMIN"], "/jobs")
        check(driver.find_elements(By.CSS_SELECTOR, "form.upload-form input[type=file]"), "an admin's jobs page has the upload form")
        check(driver.find_elements(By.CSS_SELECTOR, "table.jobs tbody tr"), "…and lists the jobs (the scans run for this walk)")
        shot(driver, a.screenshots, "jobs")
        driver.get(BASE + "/audit?entity=firm:F0000001")
        rows = driver.find_elements(By.CSS_SELECTOR, "table.audit tbody tr")
        check(len(rows) > 0 and "browser-analyst (session)" in driver.page_source, f"the audit log shows the analyst's {len(rows)} looks at F0000001")
        shot(driver, a.screenshots, "audit")
    finally:
        driver.quit()
    if failures:
        print(f"\n{len(failures)} browser check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("\nbrowser checks passed")


main()
