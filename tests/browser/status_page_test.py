#!/usr/bin/env python3
"""The status page in a real browser.

Starts `strata serve` on a free loopback port over a copy of the example
project and a fresh database, drives headless Chromium through the DevTools
protocol on a pipe (--remote-debugging-pipe; Python's standard library only),
pastes a reader token and checks what the page shows, then an admin token and
applies through the page. Leaves status_page.png beside the test as an artifact.
"""

import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

EXAMPLE_REVISIONS = ["20261125160643", "20261125160645", "20261125160647"]


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Chromium:
    """One headless Chromium, one page, spoken to over fds 3 (in) and 4 (out)."""

    def __init__(self, binary, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def wire():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1200,1500",
                 "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen([binary] + flags, preexec_fn=wire, pass_fds=(3, 4),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                fail("Chromium did not answer in time")
            chunk = os.read(self.from_browser, 65536)
            if not chunk:
                fail("Chromium closed the DevTools pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("method") == "Page.javascriptDialogOpening":
                fail("the page opened a dialog the test did not expect: " + reply["params"].get("message", ""))
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    fail(method + ": " + json.dumps(reply["error"]))
                return reply.get("result", {})

    def js(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            fail("script failed: " + expression + "\n" + json.dumps(result["exceptionDetails"]))
        return result["result"].get("value")

    def wait_for(self, expression, what, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.js(expression):
                return
            time.sleep(0.1)
        fail("timed out waiting for " + what + "; page error: " + str(self.js("document.getElementById('error') ? document.getElementById('error').textContent : ''")))

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.session = None
            self.call("Browser.close", timeout=5)
        except SystemExit:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def text(browser, element_id):
    return browser.js("document.getElementById(%s).textContent" % json.dumps(element_id))


def paste_token(browser, token):
    browser.js("document.getElementById('token').value = %s; document.getElementById('use-token').click(); true"
               % json.dumps(token))


def get_json(url, token):
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.loads(r.read())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strata", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        fail("chromium is not installed (scripts/install-deps installs Debian's chromium package)")

    work = tempfile.mkdtemp(prefix="strata-page-")
    pg_dir = None
    server = None
    browser = None
    database = "strata_page_%d" % os.getpid()
    admin_url = os.environ.get("STRATA_TEST_DATABASE_URL")
    try:
        if not admin_url:
            pg_dir = os.path.join(work, "pg")
            os.mkdir(pg_dir)
            admin_url = subprocess.run([os.path.join(args.source, "scripts", "test-postgres"), "start", pg_dir],
                                       check=True, capture_output=True, text=True).stdout.strip()
        subprocess.run(["psql", admin_url, "-qc", 'CREATE DATABASE "%s"' % database], check=True)
        base, _, query = admin_url.partition("?")
        db_url = base.rsplit("/", 1)[0] + "/" + database + ("?" + query if query else "")

        project = os.path.join(work, "project")
        os.mkdir(project)
        for part in ("schema", "migrations"):
            shutil.copytree(os.path.join(args.source, part), os.path.join(project, part))
        shutil.copy(os.path.join(args.source, "strata.yaml"), project)
        env = dict(os.environ, DATABASE_URL=db_url)

        def strata(*argv):
            r = subprocess.run([args.strata] + list(argv), cwd=project, env=env, capture_output=True, text=True)
            if r.returncode != 0:
                fail("strata %s: exit %d\n%s" % (" ".join(argv), r.returncode, r.stderr))
            return r.stdout

        reader = json.loads(strata("token", "new", "page-reader", "--role", "reader", "--json"))
        admin = json.loads(strata("token", "new", "page-admin", "--role", "admin", "--json"))
        port = free_port()
        with open(os.path.join(project, "strata.yaml"), "a") as f:
            f.write("\nserver:\n  listen: 127.0.0.1:%d\n  tokens:\n    %s\n    %s\n"
                    % (port, reader["config_line"], admin["config_line"]))

        server = subprocess.Popen([args.strata, "serve"], cwd=project, env=env,
                                  stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "serve.err"), "w"))
        base_url = "http://127.0.0.1:%d" % port
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(base_url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.time() > deadline:
                fail("strata serve did not come up:\n" + open(os.path.join(work, "serve.err")).read())
            time.sleep(0.1)

        profile = os.path.join(work, "profile")
        os.mkdir(profile)
        browser = Chromium(chromium, profile)
        browser.call("Page.navigate", {"url": base_url + "/"})
        browser.wait_for("document.readyState === 'complete' && !!document.getElementById('token')", "the page")

        # A reader sees the revision, head and pending list, and no buttons.
        paste_token(browser, reader["token"])
        browser.wait_for("document.getElementById('audit').children.length > 0 || "
                         "document.getElementById('head').textContent !== ''", "the reader's view")
        browser.wait_for("document.querySelectorAll('#pending li[data-id]').length > 0", "the pending list")
        if "page-reader (reader)" not in text(browser, "whoami"):
            fail("whoami shows " + text(browser, "whoami"))
        if text(browser, "current") != "(none)":
            fail("revision shown: " + text(browser, "current"))
        if text(browser, "head") != EXAMPLE_REVISIONS[-1]:
            fail("head shown: " + text(browser, "head"))
        pending = browser.js("Array.from(document.querySelectorAll('#pending li[data-id]')).map(li => li.dataset.id)")
        if pending != EXAMPLE_REVISIONS:
            fail("pending shown: %s" % pending)
        if "+ table public.tags" not in text(browser, "pending"):
            fail("the pending list lacks the revisions' changes: " + text(browser, "pending"))
        for button in ("apply-button", "create-button"):
            if browser.js("document.getElementById(%s) !== null" % json.dumps(button)):
                fail(button + " is on the page for a reader")
        if browser.js("sessionStorage.getItem('strata-token')") != reader["token"]:
            fail("the token is not in sessionStorage")
        if browser.js("localStorage.length") != 0 or browser.js("document.cookie") != "":
            fail("the token went somewhere other than sessionStorage")

        # An admin gets the buttons; Apply asks first, then applies.
        browser.call("Page.reload")
        browser.wait_for("document.readyState === 'complete' && !!document.getElementById('token')", "the reload")
        paste_token(browser, admin["token"])
        browser.wait_for("document.getElementById('apply-button') !== null && "
                         "!document.getElementById('actions').hidden", "the admin's buttons")
        browser.wait_for("document.querySelectorAll('#pending li[data-id]').length === 3", "the pending list")
        browser.js("window.confirmAsked = ''; window.confirm = (m) => { window.confirmAsked = m; return true; }; "
                   "document.getElementById('apply-button').click(); true")
        browser.wait_for("document.getElementById('result').textContent.startsWith('applied')", "the apply result",
                         timeout=60)
        if "Apply 3 pending revision(s)" not in browser.js("window.confirmAsked"):
            fail("apply did not ask for confirmation: %r" % browser.js("window.confirmAsked"))
        if not text(browser, "result").startswith("applied 3 revision(s)"):
            fail("apply result shown: " + text(browser, "result"))
        browser.wait_for("document.getElementById('current').textContent === %s" % json.dumps(EXAMPLE_REVISIONS[-1]),
                         "the new revision")
        browser.wait_for("document.querySelectorAll('#pending li[data-id]').length === 0", "an empty pending list")
        browser.wait_for("document.getElementById('audit').textContent.includes('apply target=head')",
                         "the audit entry of the apply")
        browser.wait_for("document.getElementById('plan').textContent.includes('no changes')", "an empty plan")
        status = get_json(base_url + "/api/v1/migrations/status", reader["token"])
        if status["current"] != EXAMPLE_REVISIONS[-1] or status["pending"]:
            fail("the API says current=%s pending=%d" % (status["current"], len(status["pending"])))

        html = browser.js("document.documentElement.outerHTML")
        for t in (reader["token"], admin["token"]):
            if t in html:
                fail("a token's text is in the page")
        os.makedirs(args.artifacts, exist_ok=True)
        shot = os.path.join(args.artifacts, "status_page.png")
        browser.screenshot(shot)
        if os.path.getsize(shot) < 1000:
            fail("the screenshot is empty")

        # SIGTERM: the server stops and exits 0.
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=30)
        server = None
        if code != 0:
            fail("strata serve exited %d on SIGTERM" % code)
        print("ok: reader view, admin apply, screenshot at " + shot)
    finally:
        if browser:
            browser.close()
        if server:
            server.kill()
            server.wait()
        if admin_url:
            subprocess.run(["psql", admin_url, "-qc", 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % database],
                           capture_output=True)
        if pg_dir:
            subprocess.run([os.path.join(args.source, "scripts", "test-postgres"), "stop", pg_dir],
                           capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
