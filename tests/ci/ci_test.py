#!/usr/bin/env python3
"""The CI files of docs/ci, exercised offline.

pre-commit: installed as the hook of a scratch git repository, it lets a
commit of good models through and stops one with a bad model (it checks the
index, not the working tree), runs `strata lint` only when the binary has
that command, and says so when strata is missing.

strata.yml: parses as YAML, has the shape GitHub Actions needs, names only
commands and options the built strata has (lint only behind its guard), and
its strata steps, run in order on a copy of the example project against an
empty database, all succeed.
"""

import argparse
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

import yaml

ARGS = None


def run(argv, cwd=None, env=None, check=False):
    full_env = dict(os.environ)
    full_env.update(env or {})
    r = subprocess.run(argv, cwd=cwd, env=full_env, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s\n%s" % (argv, r.returncode, r.stdout, r.stderr))
    return r


def listed_commands(help_text):
    """The subcommand names a CLI11 --help lists."""
    names, on = [], False
    for line in help_text.splitlines():
        if line.startswith("Subcommands:"):
            on = True
            continue
        if on:
            m = re.match(r"^  ([a-z][a-z-]*)\b", line)
            if not m:
                break
            names.append(m.group(1))
    return names


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


GOOD_MODEL = """tables:
  users:
    columns:
      id:    {type: bigint, identity: always, primary_key: true}
      email: {type: text, nullable: false}
"""
BAD_MODEL = """tables:
  users:
    columns:
      id:    {type: bigitn, primary_key: true}
"""


class PreCommitHook(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="strata-hook-")
        self.repo = os.path.join(self.dir, "repo")
        os.makedirs(self.repo)
        run(["git", "init", "-q", self.repo], check=True)
        write(os.path.join(self.repo, "strata.yaml"),
              "database:\n  url: ${DATABASE_URL:-local}\nschemas: [public]\n")
        write(os.path.join(self.repo, "schema", "app.yaml"), GOOD_MODEL)
        os.makedirs(os.path.join(self.repo, "migrations"))
        hook = os.path.join(self.repo, ".git", "hooks", "pre-commit")
        shutil.copy(os.path.join(ARGS.source, "docs", "ci", "pre-commit"), hook)
        os.chmod(hook, os.stat(hook).st_mode | stat.S_IXUSR)
        self.env = {"STRATA": ARGS.strata}

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def commit(self, message, env=None):
        e = dict(self.env)
        e.update(env or {})
        run(["git", "add", "-A"], cwd=self.repo, check=True)
        return run(["git", "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", message],
                   cwd=self.repo, env=e)

    def commits(self):
        r = run(["git", "rev-list", "--count", "HEAD"], cwd=self.repo)
        return int(r.stdout.strip()) if r.returncode == 0 else 0

    def test_good_models_commit_and_a_bad_one_is_stopped(self):
        r = self.commit("good models")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("strata validate", r.stderr)
        self.assertEqual(self.commits(), 1)

        write(os.path.join(self.repo, "schema", "app.yaml"), BAD_MODEL)
        r = self.commit("bad model")
        self.assertNotEqual(r.returncode, 0, "the hook let a bad model through:\n" + r.stdout + r.stderr)
        self.assertIn("schema/app.yaml", r.stdout + r.stderr)
        self.assertIn("bigitn", r.stdout + r.stderr)
        self.assertEqual(self.commits(), 1)

    def test_it_checks_the_staged_files_not_the_working_tree(self):
        self.assertEqual(self.commit("good models").returncode, 0)
        # Staged: a bad model; working tree: fixed but not staged.
        write(os.path.join(self.repo, "schema", "app.yaml"), BAD_MODEL)
        run(["git", "add", "-A"], cwd=self.repo, check=True)
        write(os.path.join(self.repo, "schema", "app.yaml"), GOOD_MODEL + "      bio: text\n")
        r = run(["git", "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", "x"],
                cwd=self.repo, env=self.env)
        self.assertNotEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.commits(), 1)
        # Staged: good; working tree: broken, not staged.
        write(os.path.join(self.repo, "schema", "app.yaml"), GOOD_MODEL + "      bio: text\n")
        run(["git", "add", "-A"], cwd=self.repo, check=True)
        write(os.path.join(self.repo, "schema", "app.yaml"), BAD_MODEL)
        r = run(["git", "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", "y"],
                cwd=self.repo, env=self.env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.commits(), 2)

    def test_lint_runs_only_when_strata_has_it(self):
        # The strata built here has no lint: the hook does not try it.
        r = self.commit("good models")
        self.assertEqual(r.returncode, 0, r.stderr)
        has_lint = "lint" in listed_commands(run([ARGS.strata, "--help"]).stdout)
        self.assertEqual("pre-commit: strata lint" in r.stderr, has_lint, r.stderr)

        # A strata with a lint command that finds something: the commit stops.
        wrapper = os.path.join(self.dir, "strata-with-lint")
        write(wrapper, """#!/usr/bin/env bash
if [ "${1:-}" = lint ]; then
  if [ "${2:-}" = --help ]; then echo "Usage: strata lint [OPTIONS]"; exit 0; fi
  echo "lint: users has no comment" >&2; exit 1
fi
exec "%s" "$@"
""" % ARGS.strata)
        os.chmod(wrapper, 0o755)
        write(os.path.join(self.repo, "schema", "app.yaml"), GOOD_MODEL + "      bio: text\n")
        r = self.commit("lint finds something", env={"STRATA": wrapper})
        self.assertNotEqual(r.returncode, 0, r.stderr)
        self.assertIn("pre-commit: strata lint", r.stderr)
        self.assertIn("users has no comment", r.stderr)
        self.assertEqual(self.commits(), 1)

    def test_missing_strata_is_named(self):
        write(os.path.join(self.repo, "schema", "app.yaml"), GOOD_MODEL)
        r = self.commit("no strata", env={"STRATA": os.path.join(self.dir, "nowhere", "strata")})
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("not found", r.stderr)
        self.assertEqual(self.commits(), 0)


class Workflow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(ARGS.source, "docs", "ci", "strata.yml")) as f:
            cls.doc = yaml.safe_load(f)
        cls.commands = listed_commands(run([ARGS.strata, "--help"], check=True).stdout)

    def steps(self):
        return self.doc["jobs"]["schema"]["steps"]

    def test_it_has_the_shape_github_actions_needs(self):
        # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
        triggers = self.doc.get("on", self.doc.get(True))
        self.assertIsInstance(triggers, dict)
        self.assertIn("pull_request", triggers)
        job = self.doc["jobs"]["schema"]
        self.assertIn("runs-on", job)
        self.assertEqual(job["container"], "debian:12")
        self.assertIn("postgres", job["services"])
        self.assertIn("DATABASE_URL", job["env"])
        for step in self.steps():
            self.assertTrue("run" in step or "uses" in step, step)

    def test_it_names_only_commands_and_options_that_exist(self):
        named = 0
        for step in self.steps():
            for line in step.get("run", "").splitlines():
                # strata in a command position (not inside an echo's text)
                for m in re.finditer(r"(?:^|[;&|]\s*|\bif\s+|\bthen\s+)strata ([a-z][a-z-]*)"
                                     r"((?: +--?[a-z][a-z-]*(?: +[a-z]+)?)*)", line.strip()):
                    cmd, opts = m.group(1), m.group(2)
                    named += 1
                    if cmd == "lint" and "lint" not in self.commands:
                        self.assertIn("if strata lint --help", step["run"],
                                      "lint is used without the guard: " + line)
                        continue
                    self.assertIn(cmd, self.commands, "strata has no command '%s': %s" % (cmd, line))
                    cmd_help = run([ARGS.strata, cmd, "--help"], check=True).stdout
                    for opt in re.findall(r"--[a-z][a-z-]*", opts):
                        self.assertIn(opt, cmd_help, "strata %s has no option %s" % (cmd, opt))
        self.assertGreaterEqual(named, 5)

    def test_its_strata_steps_pass_on_the_example_project(self):
        admin_url = os.environ.get("STRATA_TEST_DATABASE_URL")
        pg_dir = None
        work = tempfile.mkdtemp(prefix="strata-workflow-")
        database = "strata_workflow_%d" % os.getpid()
        try:
            if not admin_url:
                pg_dir = tempfile.mkdtemp(prefix="strata-workflow-pg-")  # the server's user must reach it
                admin_url = run([os.path.join(ARGS.source, "scripts", "test-postgres"), "start", pg_dir],
                                check=True).stdout.strip()
            run(["psql", admin_url, "-qc", 'CREATE DATABASE "%s"' % database], check=True)
            url = re.sub(r"/[^/?]*(\?|$)", "/" + database + r"\1", admin_url.split("://", 1)[1], count=1)
            url = admin_url.split("://", 1)[0] + "://" + url
            project = os.path.join(work, "project")
            os.makedirs(project)
            shutil.copy(os.path.join(ARGS.source, "strata.yaml"), project)
            shutil.copytree(os.path.join(ARGS.source, "schema"), os.path.join(project, "schema"))
            shutil.copytree(os.path.join(ARGS.source, "migrations"), os.path.join(project, "migrations"))
            bin_dir = os.path.join(work, "bin")
            os.makedirs(bin_dir)
            os.symlink(ARGS.strata, os.path.join(bin_dir, "strata"))
            env = {"PATH": bin_dir + os.pathsep + os.environ["PATH"], "DATABASE_URL": url}
            ran = 0
            for step in self.steps():
                script = step.get("run")
                if not script or "apt-get" in script:
                    continue  # the install step: here the built binary is on PATH instead
                r = run(["bash", "-e", "-c", script], cwd=project, env=env)
                self.assertEqual(r.returncode, 0, "step '%s' failed:\n%s\n%s" % (step.get("name"), r.stdout, r.stderr))
                ran += 1
            self.assertGreaterEqual(ran, 4)
            # The steps left the database at head.
            head = sorted(f for f in os.listdir(os.path.join(project, "migrations")) if f.endswith(".up.sql"))[-1]
            current = run(["psql", url, "-tAc", "SELECT max(revision) FROM strata.revisions"], check=True).stdout
            self.assertEqual(current.strip(), head[:8] + head[9:15])
        finally:
            if admin_url:
                run(["psql", admin_url, "-qc", 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % database])
            if pg_dir:
                run([os.path.join(ARGS.source, "scripts", "test-postgres"), "stop", pg_dir])
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--strata", required=True)
    parser.add_argument("--source", required=True)
    ARGS, rest = parser.parse_known_args()
    ARGS.strata = os.path.abspath(ARGS.strata)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
