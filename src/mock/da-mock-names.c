/* da-mock-names.c: the words the seed data is made of
 *
 * Copyright 2026 The Devin Admin authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invented names and texts. Some names carry letters outside ASCII on purpose: the app must show
 * and export them correctly. Each name has an ASCII form for email addresses.
 */

#include "config.h"

#include "da-mock-private.h"

const MockName mock_first_names[] = {
  { "Lena", "lena" }, { "Omar", "omar" }, { "Priya", "priya" }, { "Mateo", "mateo" },
  { "Hannah", "hannah" }, { "Kenji", "kenji" }, { "Amara", "amara" }, { "Lukas", "lukas" },
  { "Sofia", "sofia" }, { "Dmitri", "dmitri" }, { "Aisha", "aisha" }, { "Noah", "noah" },
  { "Chloé", "chloe" }, { "Ravi", "ravi" }, { "Ingrid", "ingrid" }, { "Tomás", "tomas" },
  { "Mei", "mei" }, { "Jonas", "jonas" }, { "Fatima", "fatima" }, { "Elijah", "elijah" },
  { "Björn", "bjorn" }, { "Nadia", "nadia" }, { "Carlos", "carlos" }, { "Yuki", "yuki" },
  { "Grace", "grace" }, { "Mohammed", "mohammed" }, { "Zoë", "zoe" }, { "Arjun", "arjun" },
  { "Olivia", "olivia" }, { "Pavel", "pavel" }, { "Leila", "leila" }, { "Samuel", "samuel" },
  { "Anaïs", "anais" }, { "Diego", "diego" }, { "Hye-jin", "hyejin" }, { "Ethan", "ethan" },
  { "Freya", "freya" }, { "Kwame", "kwame" }, { "Marta", "marta" }, { "Oskar", "oskar" },
  { "Renée", "renee" }, { "Tariq", "tariq" }, { "Valentina", "valentina" }, { "Wei", "wei" },
  { "Ximena", "ximena" }, { "Yusuf", "yusuf" }, { "Zara", "zara" }, { "Adrián", "adrian" },
  { "Beatriz", "beatriz" }, { "Connor", "connor" }, { "Dalia", "dalia" }, { "Emil", "emil" },
  { "Farah", "farah" }, { "Gustav", "gustav" }, { "Helena", "helena" }, { "Ibrahim", "ibrahim" },
  { "Júlia", "julia" }, { "Kofi", "kofi" }, { "Lars", "lars" }, { "Maya", "maya" },
  { "Niamh", "niamh" }, { "Orla", "orla" }, { "Pedro", "pedro" }, { "Quinn", "quinn" },
  { "Rosa", "rosa" }, { "Stefan", "stefan" }, { "Thea", "thea" }, { "Uma", "uma" },
  { "Viktor", "viktor" }, { "Wanjiru", "wanjiru" }, { "Søren", "soren" }, { "Ana", "ana" },
};
const guint mock_n_first_names = G_N_ELEMENTS (mock_first_names);

const MockName mock_last_names[] = {
  { "Park", "park" }, { "Diaz", "diaz" }, { "Raman", "raman" }, { "Schulz", "schulz" },
  { "Okafor", "okafor" }, { "Tanaka", "tanaka" }, { "Nguyen", "nguyen" },
  { "Ivanova", "ivanova" }, { "Müller", "mueller" }, { "Haddad", "haddad" },
  { "Kowalski", "kowalski" }, { "Silva", "silva" }, { "Johansson", "johansson" },
  { "Chen", "chen" }, { "Mensah", "mensah" }, { "Fernández", "fernandez" },
  { "O'Brien", "obrien" }, { "Patel", "patel" }, { "Rossi", "rossi" },
  { "Lindqvist", "lindqvist" }, { "Abara", "abara" }, { "Kim", "kim" }, { "Novák", "novak" },
  { "Dubois", "dubois" }, { "Hernández", "hernandez" }, { "Sato", "sato" }, { "Weiß", "weiss" },
  { "Jensen", "jensen" }, { "Achterberg", "achterberg" }, { "Bianchi", "bianchi" },
  { "Costa", "costa" }, { "Demir", "demir" }, { "Eriksen", "eriksen" }, { "Fischer", "fischer" },
  { "García", "garcia" }, { "Hoffmann", "hoffmann" }, { "Ilunga", "ilunga" },
  { "Jovanović", "jovanovic" }, { "Kaur", "kaur" }, { "Lefèvre", "lefevre" },
  { "Moreau", "moreau" }, { "Nakamura", "nakamura" }, { "Olsen", "olsen" },
  { "Petrov", "petrov" }, { "Quispe", "quispe" }, { "Rahman", "rahman" },
  { "Svensson", "svensson" }, { "Takahashi", "takahashi" }, { "Usman", "usman" },
  { "Vargas", "vargas" }, { "Wójcik", "wojcik" }, { "Yilmaz", "yilmaz" }, { "Zhang", "zhang" },
  { "Adeyemi", "adeyemi" }, { "Brennan", "brennan" }, { "Castillo", "castillo" },
  { "Dvořák", "dvorak" }, { "Ekström", "ekstrom" }, { "Fontaine", "fontaine" },
  { "Gómez", "gomez" },
};
const guint mock_n_last_names = G_N_ELEMENTS (mock_last_names);

const char *const mock_org_names[] = {
  "Acme", "Payments", "Data Platform", "Mobile", "Web Frontend", "Infrastructure", "Security",
  "Growth", "Search", "Developer Experience", "Billing", "Identity", "Analytics", "Checkout",
  "Integrations", "Machine Learning", "Support Tools", "Marketplace", "Risk", "Logistics",
};
const guint mock_n_org_names = G_N_ELEMENTS (mock_org_names);

const char *const mock_repos[] = {
  "acme/ledger-service", "acme/web-app", "acme/mobile-ios", "acme/mobile-android",
  "acme/payments-gateway", "acme/search-indexer", "acme/infra-terraform", "acme/design-system",
  "acme/auth-service", "acme/data-pipelines", "acme/billing-api", "acme/docs-site",
  "acme/notifications", "acme/feature-flags", "acme/checkout-web", "acme/ml-models",
};
const guint mock_n_repos = G_N_ELEMENTS (mock_repos);

const char *const mock_gitlab_groups[] = {
  "platform", "platform/observability", "data", "security/tooling", "mobile", "internal-tools",
};
const guint mock_n_gitlab_groups = G_N_ELEMENTS (mock_gitlab_groups);

const char *const mock_group_names[] = {
  "sso-platform-eng", "sso-data-team", "sso-payments", "sso-mobile", "sso-security",
  "sso-contractors", "sso-frontend", "sso-sre",
};
const guint mock_n_group_names = G_N_ELEMENTS (mock_group_names);

const char *const mock_session_tags[] = {
  "ci", "flaky", "bugfix", "refactor", "dependencies", "security", "docs", "tests", "frontend",
  "backend", "migration", "performance", "infra", "cleanup",
};
const guint mock_n_session_tags = G_N_ELEMENTS (mock_session_tags);

const char *const mock_components[] = {
  "ledger reconciliation", "checkout flow", "login page", "search indexer", "billing export",
  "notification worker", "feature flag client", "CSV importer", "rate limiter", "audit trail",
  "session cache", "webhook handler", "invoice PDF renderer", "GraphQL gateway", "Android build",
  "iOS push service", "Terraform modules", "Kafka consumer", "dark mode", "onboarding wizard",
};
const guint mock_n_components = G_N_ELEMENTS (mock_components);

/* %s is a component */
const char *const mock_title_templates[] = {
  "Fix flaky %s test",
  "Add retries to the %s",
  "Upgrade dependencies of the %s",
  "Investigate timeouts in the %s",
  "Refactor the %s",
  "Write unit tests for the %s",
  "Migrate the %s to the new API",
  "Improve error messages of the %s",
  "Document the %s",
  "Speed up the %s",
  "Remove dead code from the %s",
  "Fix crash in the %s on empty input",
};
const guint mock_n_title_templates = G_N_ELEMENTS (mock_title_templates);

/* %s is a component */
const char *const mock_prompt_templates[] = {
  "The %s test fails about once in ten CI runs. Find out why and fix it.",
  "Please look at the %s: users report errors since yesterday's deploy.",
  "Bump everything the %s depends on and make sure the tests still pass.",
  "Can you make the %s faster? It takes several seconds on large accounts.",
  "Add tests around the %s, we keep breaking it.",
  "Clean up the %s and open a PR.",
};
const guint mock_n_prompt_templates = G_N_ELEMENTS (mock_prompt_templates);

const char *const mock_issue_texts[] = {
  "The prompt did not say which branch to start from",
  "Tests could not run until a missing environment variable was set",
  "The repository setup took most of the session",
  "Devin waited for an answer about the expected output format",
  "The task mixed two unrelated changes",
  "Access to the staging database was not available",
  "The failing test was not named in the prompt",
};
const guint mock_n_issue_texts = G_N_ELEMENTS (mock_issue_texts);

const char *const mock_action_texts[] = {
  "Add the test command to the repository notes",
  "Name the target branch in the prompt",
  "Grant read access to the staging logs",
  "Split the task into two sessions",
  "Add a playbook for dependency upgrades",
  "Pin the Node.js version in the machine snapshot",
};
const guint mock_n_action_texts = G_N_ELEMENTS (mock_action_texts);

const char *const mock_timeline_texts[] = {
  "Cloned the repository and installed dependencies",
  "Reproduced the failure locally",
  "Found the cause",
  "Wrote a fix and a regression test",
  "Ran the full test suite",
  "Opened a pull request",
  "Answered review comments",
  "Waited for CI",
};
const guint mock_n_timeline_texts = G_N_ELEMENTS (mock_timeline_texts);
