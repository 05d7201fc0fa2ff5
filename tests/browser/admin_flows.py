"""Admin UI flows in a real browser (Chromium through WebDriver).

Run by scripts/browser-tests, which starts the server with two tenants:
alpha (ann@alpha.test) and beta (bob@beta.test), and an API key of Ann's for bulk setup.
"""
import json
import os
import sys
import tempfile
import unittest
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["OUTPUTHUB_TEST_URL"]
KEY = os.environ["OUTPUTHUB_TEST_KEY"]
SHOTS = os.path.join(os.environ.get("OUTPUTHUB_TEST_OUTPUT", "test-output"), "screenshots")
ANN = ("ann@alpha.test", "alpha password 1")
BOB = ("bob@beta.test", "beta password 22")


def api(method, path, body=None):
    request = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + KEY, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read() or b"null")


def make_driver(width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class AdminFlows(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(SHOTS, exist_ok=True)
        cls.driver = make_driver()
        cls.wait = WebDriverWait(cls.driver, 10)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    # -- helpers ---------------------------------------------------------------------------------------

    def go(self, path):
        self.driver.get(BASE + path)

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(SHOTS, name + ".png"))

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def sign_in(self, who):
        self.driver.delete_all_cookies()
        self.go("/login")
        self.driver.find_element(By.ID, "email").send_keys(who[0])
        self.driver.find_element(By.ID, "password").send_keys(who[1])
        self.driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.wait.until(EC.presence_of_element_located((By.ID, "global-search")))

    def fill(self, field_id, value):
        element = self.driver.find_element(By.ID, field_id)
        element.clear()
        element.send_keys(value)

    def submit(self, selector="form.form button.primary"):
        self.click(self.driver.find_element(By.CSS_SELECTOR, selector))

    def click_key(self, element, key):
        self.mark_page()
        element.send_keys(key)
        self.wait_for_new_page()

    def click(self, element):
        """Clicks something that loads a new page, and waits until the new page is there."""
        self.mark_page()
        element.click()
        self.wait_for_new_page()

    def click_fresh(self, locator):
        """Clicks what `locator` finds once it is shown, finding it again on every try, so an element the page
        replaced in between is never clicked through a stale reference."""
        def clicked(driver):
            try:
                element = driver.find_element(*locator)
                if not (element.is_displayed() and element.is_enabled()):
                    return False
                element.click()
                return True
            except (NoSuchElementException, StaleElementReferenceException):
                return False
        self.wait.until(clicked)

    def mark_page(self):
        self.driver.execute_script("window.__oldPage = true")

    def wait_for_new_page(self):
        def loaded(driver):
            try:
                return driver.execute_script("return !window.__oldPage && document.readyState === 'complete'")
            except Exception:
                return False
        self.wait.until(loaded)

    def create_prompt(self, name, content):
        self.go("/admin/prompts/new")
        self.fill("field-name", name)
        self.fill("field-content", content)
        self.submit()
        self.wait.until(EC.url_matches(r"/admin/prompts/[0-9a-f-]{36}$"))
        return self.driver.current_url

    def row_names(self):
        return [a.text for a in self.driver.find_elements(By.CSS_SELECTOR, "table.rows tbody td:nth-child(2) a")]

    # -- flows -----------------------------------------------------------------------------------------

    def test_01_sign_in(self):
        self.driver.delete_all_cookies()
        self.go("/admin")
        self.assertIn("/login", self.driver.current_url)
        self.shot("01-sign-in")
        self.driver.find_element(By.ID, "email").send_keys(ANN[0])
        self.driver.find_element(By.ID, "password").send_keys("wrong password")
        self.click(self.driver.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        self.assertIn("The email or password is not right.", self.text())
        self.sign_in(ANN)
        self.assertIn("Dashboard", self.driver.title)
        self.shot("02-dashboard")

    def test_02_slash_focuses_search(self):
        self.sign_in(ANN)
        self.driver.find_element(By.TAG_NAME, "body").send_keys("/")
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "global-search")

    def test_03_create_with_validation_error_then_edit(self):
        self.sign_in(ANN)
        self.go("/admin/prompts/new")
        self.fill("field-name", "Quarterly summary")
        self.fill("field-variables", "{not json")
        self.submit()
        error = self.driver.find_element(By.ID, "field-content-error")
        self.assertEqual(error.text, "content is required")
        self.assertIn("variables is not valid JSON", self.driver.find_element(By.ID, "field-variables-error").text)
        self.assertEqual(self.driver.find_element(By.ID, "field-name").get_attribute("value"), "Quarterly summary")
        self.shot("03-form-with-errors")
        self.fill("field-variables", '[{"name": "quarter", "type": "string"}]')
        self.fill("field-content", "Summarise the quarter {{quarter}}.")
        self.submit()
        self.wait.until(EC.url_matches(r"/admin/prompts/[0-9a-f-]{36}$"))
        self.assertIn("Prompt created.", self.text())
        self.click(self.driver.find_element(By.LINK_TEXT, "Edit"))
        self.fill("field-name", "Quarterly summary v2")
        self.submit()
        self.wait.until(EC.url_matches(r"/admin/prompts/[0-9a-f-]{36}$"))
        self.assertIn("Quarterly summary v2", self.driver.find_element(By.TAG_NAME, "h1").text)
        history = self.driver.find_element(By.CSS_SELECTOR, "section.history").text
        self.assertIn("update", history)
        self.assertIn("Quarterly summary v2", history)
        self.shot("04-detail")

    def test_04_filter_search_and_page(self):
        api("POST", "/api/v1/prompts", [{"name": f"Bulk {i:02d}", "content": ("even" if i % 2 == 0 else "odd") + " body",
                                          "role": "system" if i % 3 == 0 else "user"} for i in range(60)])
        self.sign_in(ANN)
        self.go("/admin/prompts?sort=name")
        self.driver.find_element(By.CSS_SELECTOR, "details > summary").click()
        Select(self.driver.find_element(By.ID, "filter-role")).select_by_visible_text("system")
        self.fill("filter-name", "Bulk")
        self.shot("05-list-filters")
        self.click(self.driver.find_element(By.CSS_SELECTOR, "details button.primary"))
        self.assertIn("role=system", self.driver.current_url)
        self.assertEqual(self.driver.find_element(By.ID, "row-count").text, "20 rows")
        self.fill("list-search", "odd")
        self.click_key(self.driver.find_element(By.ID, "list-search"), Keys.ENTER)
        self.assertEqual(self.driver.find_element(By.ID, "row-count").text, "10 rows")
        # Keyset paging over the whole table, 25 rows a page: every row once.
        self.go("/admin/prompts?sort=name&limit=25&name=Bulk")
        seen = []
        while True:
            seen += self.row_names()
            try:
                self.click(self.driver.find_element(By.CSS_SELECTOR, "a[rel=next]"))
            except NoSuchElementException:
                break
        self.assertEqual(seen, [f"Bulk {i:02d}" for i in range(60)])
        self.go("/admin/prompts?sort=-name")
        self.click(self.driver.find_element(By.LINK_TEXT, "Name ↓"))
        self.assertIn("sort=name", self.driver.current_url)
        self.shot("06-list")

    def test_05_delete_and_restore(self):
        self.sign_in(ANN)
        url = self.create_prompt("Short-lived", "gone soon")
        self.click(self.driver.find_element(By.LINK_TEXT, "Delete"))
        self.assertIn("Delete Short-lived?", self.text().replace(" ?", "?"))
        self.click(self.driver.find_element(By.CSS_SELECTOR, "form.panel button.danger"))
        self.assertIn("Moved to the trash.", self.text())
        self.assertNotIn("Short-lived", self.text())
        self.click(self.driver.find_element(By.LINK_TEXT, "Trash"))
        self.assertIn("Short-lived", self.text())
        self.shot("07-trash")
        self.click(self.driver.find_element(By.LINK_TEXT, "Short-lived"))
        self.click(self.driver.find_element(By.XPATH, "//button[text()='Restore']"))
        self.assertIn("Restored.", self.text())
        self.assertEqual(self.driver.current_url, url)

    def test_06_export_csv(self):
        self.sign_in(ANN)
        self.go("/admin/prompts?role=system&name=Bulk")
        href = self.driver.find_element(By.LINK_TEXT, "Export CSV").get_attribute("href")
        csv = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href)
        lines = [line for line in csv.split("\r\n") if line]
        self.assertTrue(lines[0].startswith("id,tenant_id,name"))
        self.assertEqual(len(lines), 21)

    def test_07_import_csv(self):
        self.sign_in(ANN)
        before = len(api("GET", "/api/v1/prompts?name=like.Imported*&limit=100")["data"])
        folder = tempfile.mkdtemp()
        bad = os.path.join(folder, "bad.csv")
        with open(bad, "w") as f:
            f.write("name,content,role\nImported one,first,user\nImported two,second,wizard\n")
        self.go("/admin/prompts/import")
        self.driver.find_element(By.ID, "import-file").send_keys(bad)
        self.submit()
        self.assertIn("1 row has errors", self.text())
        self.assertIn("role must be one of", self.text())
        self.shot("08-import-errors")
        self.assertEqual(len(api("GET", "/api/v1/prompts?name=like.Imported*&limit=100")["data"]), before)
        good = os.path.join(folder, "good.csv")
        with open(good, "w") as f:
            f.write('name,content,role\nImported one,first,user\nImported two,"second, with a comma",system\n')
        self.driver.find_element(By.ID, "import-file").send_keys(good)
        self.click(self.driver.find_element(By.CSS_SELECTOR, "form[enctype] button.primary"))
        self.assertIn("Dry run: all 2 rows are valid", self.text())
        self.shot("09-import-preview")
        self.click(self.driver.find_element(By.XPATH, "//button[text()='Import 2 rows']"))
        self.assertIn("Imported 2 rows.", self.text())
        names = sorted(p["name"] for p in api("GET", "/api/v1/prompts?name=like.Imported*&limit=100")["data"])
        self.assertEqual(names, ["Imported one", "Imported two"])

    def test_08_pick_foreign_key(self):
        api("POST", "/api/v1/categories", [{"name": "Finance", "slug": "finance"}, {"name": "Marketing", "slug": "marketing"}])
        self.sign_in(ANN)
        self.go("/admin/prompts/new")
        self.fill("field-name", "Budget memo")
        self.fill("field-content", "Draft the budget memo.")
        self.driver.find_element(By.ID, "field-category_id").send_keys("fin")
        # Focusing the box looked up every category; wait for the list that answers what was typed (the script
        # names the text a list answers in data-query) before choosing from it.
        answered = "//ul[@id='field-category_id-options'][@data-query='fin']"
        self.wait.until(EC.visibility_of_element_located((By.XPATH, answered)))
        self.shot("10-picker")
        self.click_fresh((By.XPATH, answered + "//button[text()='Finance']"))
        self.assertEqual(self.driver.find_element(By.ID, "field-category_id").get_attribute("value"), "Finance")
        self.submit()
        self.wait.until(EC.url_matches(r"/admin/prompts/[0-9a-f-]{36}$"))
        link = self.driver.find_element(By.LINK_TEXT, "Finance")
        self.assertIn("/admin/categories/", link.get_attribute("href"))

    def test_09_csrf_refused(self):
        self.sign_in(ANN)
        self.go("/admin/prompts/new")
        self.driver.execute_script("document.querySelector('form.form input[name=_csrf]').value = 'forged';")
        self.fill("field-name", "Forged prompt")
        self.fill("field-content", "should not be saved")
        self.submit()
        self.assertIn("did not come from Output Hub", self.text())
        self.assertEqual(api("GET", "/api/v1/prompts?name=eq.Forged%20prompt")["data"], [])

    def test_10_script_shown_as_text(self):
        self.sign_in(ANN)
        self.create_prompt("<script>window.pwned = true</script><img src=x onerror=\"window.pwned=true\">", "harmless")
        self.assertIn("<script>window.pwned = true</script>", self.driver.find_element(By.TAG_NAME, "h1").text)
        self.assertIsNone(self.driver.execute_script("return window.pwned"))
        self.go("/admin/prompts")
        self.assertIsNone(self.driver.execute_script("return window.pwned"))

    def test_11_tenants_never_see_each_other(self):
        self.sign_in(ANN)
        secret = self.create_prompt("Alpha confidential roadmap", "for alpha only")
        self.sign_in(BOB)
        self.assertIn("Beta Ltd", self.text())
        self.go("/admin/prompts")
        self.assertNotIn("Alpha confidential roadmap", self.text())
        self.driver.get(secret)
        self.assertIn("Not Found", self.driver.find_element(By.TAG_NAME, "h1").text)
        self.go("/admin/search?q=confidential")
        self.assertNotIn("Alpha confidential roadmap", self.text())

    def test_12_conversation_and_themes(self):
        conversation = api("POST", "/api/v1/conversations", {"title": "Order status"})
        for kind, content in (("user_message", "Where is my order?"), ("bot_response", "It ships today.")):
            api("POST", "/api/v1/messages", {"conversation_id": conversation["id"], "message_type": kind, "content": content})
        self.sign_in(ANN)
        self.go("/admin/conversations/" + conversation["id"])
        transcript = self.driver.find_element(By.CSS_SELECTOR, "section.transcript").text
        self.assertLess(transcript.index("Where is my order?"), transcript.index("It ships today."))
        self.shot("11-conversation")
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        self.go("/admin")
        background = self.driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        self.assertEqual(background, "rgb(18, 21, 27)")
        self.shot("12-dashboard-dark")
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})

    def test_15_playground_answers_in_place(self):
        # The playground's script sends the message and shows the gateway's answer (here its error) without leaving the page.
        self.sign_in(ANN)
        self.go("/admin/gateway/playground")
        self.driver.find_element(By.NAME, "model").send_keys("no-such-model")
        self.driver.find_element(By.NAME, "message").send_keys("Hello")
        self.driver.find_element(By.CSS_SELECTOR, "form[data-playground] button[type=submit]").click()
        answer = self.wait.until(EC.visibility_of_element_located((By.ID, "playground-answer")))
        self.wait.until(lambda d: "404" in answer.text)
        self.assertIn("does not exist", answer.text)
        self.assertEqual(self.driver.current_url, BASE + "/admin/gateway/playground", "the script sent it; the page stayed")
        self.shot("15-playground")

    def test_16_drop_files_to_ingest(self):
        # Files dropped on the drop zone become the upload's files; both are ingested and listed with their status.
        self.sign_in(ANN)
        self.go("/admin/knowledge/documents")
        zone = self.driver.find_element(By.CSS_SELECTOR, "[data-dropzone]")
        self.driver.execute_script("""
            const zone = arguments[0], files = new DataTransfer();
            files.items.add(new File(["# Dropped notes\\n\\nThe lighthouse keeper logs every ship."], "dropped-notes.md", {type: "text/markdown"}));
            files.items.add(new File(["Harbour rules: moor at the north quay."], "harbour-rules.txt", {type: "text/plain"}));
            for (const type of ["dragenter", "dragover", "drop"]) {
                zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: files}));
            }""", zone)
        listed = self.driver.find_element(By.CSS_SELECTOR, "[data-dropzone-files]")
        self.assertEqual(listed.text, "dropped-notes.md, harbour-rules.txt")
        self.assertEqual(self.driver.execute_script("return document.querySelector('[data-dropzone] input[type=file]').files.length"), 2)
        self.shot("16-drop-zone")
        self.submit("form.form button.primary")

        def statuses(driver):
            """Each listed dropped file's status cell, read afresh (the list reloads itself while documents are ingested)."""
            try:
                found = {}
                for row in driver.find_elements(By.CSS_SELECTOR, "table tbody tr"):
                    for name in ("dropped-notes.md", "harbour-rules.txt"):
                        if name in row.text:
                            found[name] = row.find_element(By.CSS_SELECTOR, "td[class^=status-]").text.split("\n")[0]
                return found
            except StaleElementReferenceException:
                return {}
        WebDriverWait(self.driver, 30).until(lambda d: set(statuses(d).values()) == {"completed"} and len(statuses(d)) == 2)

    def test_14_tag_input(self):
        self.sign_in(ANN)
        self.go("/admin/prompt_suites/new")
        self.fill("field-name", "Launch panel")
        self.fill("field-code", "launch")
        tags = self.driver.find_element(By.ID, "field-tags")
        for word in ("launch", "pricing", "oops"):
            tags.send_keys(word, Keys.ENTER)
        tags.send_keys(Keys.BACKSPACE)
        chips = [c.text.rstrip("×").strip() for c in self.driver.find_elements(By.CSS_SELECTOR, ".tags .chip")
                 if c.find_elements(By.TAG_NAME, "button")]
        self.assertIn("launch", chips)
        self.shot("14-tag-input")
        self.submit()
        self.wait.until(EC.url_matches(r"/admin/prompt_suites/[0-9a-f-]{36}$"))
        shown = self.driver.find_elements(By.CSS_SELECTOR, "dl.fields .chip")
        self.assertEqual([c.text for c in shown][-2:], ["launch", "pricing"])

    def test_13_phone_width(self):
        self.sign_in(ANN)
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        try:
            self.go("/admin/prompts")
            self.assertEqual(self.driver.execute_script("return window.innerWidth"), 390)
            sidebar = self.driver.find_element(By.ID, "sidebar")
            self.assertFalse(sidebar.is_displayed())
            self.driver.find_element(By.CSS_SELECTOR, ".menu-toggle").click()
            self.assertTrue(sidebar.is_displayed())
            width = self.driver.execute_script("return document.documentElement.scrollWidth")
            self.assertLessEqual(width, 390, "no sideways scrolling of the page")
            self.shot("13-phone-menu")
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


if __name__ == "__main__":
    result = unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[1:], exit=False).result
    print(f"Screenshots: {SHOTS}")
    sys.exit(0 if result.wasSuccessful() else 1)
