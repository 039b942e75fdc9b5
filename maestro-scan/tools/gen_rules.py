#!/usr/bin/env python3
"""Generate maestro-scan's built-in rule files (rules/secrets.toml, rules/code.toml).

The rule text and regexes are ours; token *formats* are public facts. Example tokens are random
strings of the documented shape, produced here with a fixed seed so the output is reproducible
(GitHub tokens get a real CRC32 checksum so the validator accepts them).

Run from the crate directory: `python3 tools/gen_rules.py`. The generated TOML files are the
source of truth that the crate compiles in; this script only saves typing.
"""

import base64
import json
import random
import re
import sys
import zlib

rng = random.Random(20261124)

SETS = {
    "A62": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "ALPHA": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "HEX": "0123456789abcdef",
    "HEXU": "0123456789ABCDEF",
    "B64": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    "B64U": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
    "UP": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "LOW": "abcdefghijklmnopqrstuvwxyz0123456789",
    "DIG": "0123456789",
    "B32": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    "B32L": "abcdefghijklmnopqrstuvwxyz234567",
    "BECH": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
}

BAD_WORDS = ["xxxx", "example", "test", "fake", "dummy", "sample", "your", "foo", "bar", "mock",
             "changeme", "placeholder", "redacted", "secret", "password", "token", "key", "demo"]

ASSIGN = r"""[\w.-]{0,24}['"]?\s{0,4}(?:=|:=|=>|:|,)\s{0,4}['"]?"""

B62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def b62(n, width=6):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62_ALPHABET[r] + out
    return out.rjust(width, "0")


def entropy(s):
    from math import log2
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    return -sum(c / len(s) * log2(c / len(s)) for c in counts.values())


def rand(setname, n):
    while True:
        s = "".join(rng.choice(SETS[setname]) for _ in range(n))
        low = s.lower()
        if any(w in low for w in BAD_WORDS):
            continue
        if n >= 8 and entropy(s) < min(3.0, 0.9 * __import__("math").log2(min(n, len(SETS[setname])))):
            continue
        return s


def uuid():
    h = rand("HEX", 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def fill(template):
    """Expand {SET:n}, {uuid} and {crc} in a template; return (token, placeholder)."""
    tok, ph = "", ""
    pos = 0
    random_since_literal = ""
    for m in re.finditer(r"\{(\w+)(?::(\d+))?\}", template):
        lit = template[pos:m.start()]
        tok += lit
        ph += lit
        name, n = m.group(1), m.group(2)
        if name == "uuid":
            v = uuid()
            p = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
        elif name == "crc":
            v = b62(zlib.crc32(random_since_literal.encode()) & 0xFFFFFFFF)
            p = "x" * 6
        else:
            v = rand(name, int(n))
            p = "x" * int(n)
        if name != "crc":
            random_since_literal = v if not lit else v
        tok += v
        ph += p
        pos = m.end()
    tok += template[pos:]
    ph += template[pos:]
    return tok, ph


SECRET_RULES = []

# Provider families, in file order. The order is also the priority order when two rules match
# overlapping text (the earlier rule wins), so broad shapes (JWTs, URLs with credentials, generic
# assignments) come last. A kind is one provider credential type: one rule, its id without a
# `-legacy` or `-v2` suffix (an older or newer format of the same credential).
FAMILIES = [
    ("cloud", "Cloud, hosting and edge platforms"),
    ("vcs", "Version control and code hosting"),
    ("ci-cd", "CI/CD, testing, code quality and developer platforms"),
    ("registries", "Package and container registries"),
    ("iac", "Infrastructure as code, orchestration and networking"),
    ("observability", "Observability, monitoring, analytics and incident response"),
    ("payments", "Payments, commerce and finance"),
    ("messaging", "Messaging, email, SMS, chat, support and webhooks"),
    ("ai", "AI and LLM providers, vector stores and ML platforms"),
    ("databases", "Databases, data platforms, CMS and connection strings"),
    ("identity", "Identity/SSO, secrets managers, social and SaaS applications"),
    ("crypto", "Crypto wallets and blockchain services"),
    ("private-keys", "Private keys in every common encoding"),
    ("formats", "Provider-neutral credential formats (not counted as provider kinds)"),
    ("generic", "Generic assignments (not counted as provider kinds)"),
]
FAMILY = ["cloud"]


def family(name):
    assert name in dict(FAMILIES), name
    FAMILY[0] = name


def S(id, desc, keywords, pattern, template, conf="high", ent=3.0, ctx=None, validator=None,
      span=None, neg=(), pos=(), group=None, generic=False, severity=None, ph=None, exact=False,
      unless=None, fam=None):
    SECRET_RULES.append(dict(id=id, desc=desc, keywords=keywords, pattern=pattern, template=template, exact=exact,
                             conf=conf, ent=ent, ctx=ctx, validator=validator, span=span,
                             neg=list(neg), pos=list(pos), group=group, generic=generic,
                             severity=severity, ph=ph, unless=unless, family=fam or FAMILY[0]))


def C(name_re, secret_re, flags="(?i)"):
    """A context pattern: a variable name, an assignment, then the secret."""
    return f"(?i:{name_re}){{assign}}({secret_re})"


# ---------------------------------------------------------------- cloud
family("cloud")
S("aws-access-key-id", "AWS access key id", ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
  r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b", "AKIA{B32:16}", ent=3.0, exact=True)
S("aws-secret-access-key", "AWS secret access key", ["secret"],
  C(r"aws[\w.-]{0,20}secret[\w.-]{0,12}|secret_?access_?key", r"[A-Za-z0-9/+]{40}") + r"(?:[^A-Za-z0-9/+=]|$)",
  "{B64:40}", ctx="AWS_SECRET_ACCESS_KEY", ent=4.0)
S("aws-session-token", "AWS session token", ["session_token", "sessiontoken", "security_token", "securitytoken"],
  C(r"aws[\w.-]{0,8}(?:session|security)_?token", r"[A-Za-z0-9/+]{100,1200}={0,2}"),
  "FwoGZXIvYXdzE{B64:160}", ctx="AWS_SESSION_TOKEN", ent=4.5)
S("aws-mws-key", "Amazon MWS auth token", ["amzn.mws."],
  r"\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b", "amzn.mws.{uuid}")
S("aws-bedrock-api-key", "Amazon Bedrock long-term API key", ["absk"],
  r"\b(ABSK[A-Za-z0-9+/]{100,200}={0,2})", "ABSK{B64:120}", ent=4.5)
S("gcp-api-key", "Google Cloud / Firebase API key", ["aiza"],
  r"\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$)", "AIza{B64U:35}", ent=3.5)
S("gcp-service-account", "Google Cloud service-account key (JSON private_key_id)", ["private_key_id"],
  C(r"private_key_id", r"[0-9a-f]{40}") + r"\b", "{HEX:40}", ctx="private_key_id", ent=3.3)
S("gcp-oauth-client-secret", "Google OAuth client secret", ["gocspx-"],
  r"\b(GOCSPX-[A-Za-z0-9_-]{28})(?:[^A-Za-z0-9_-]|$)", "GOCSPX-{B64U:28}")
S("gcp-oauth-refresh-token", "Google OAuth refresh token", ["1//0"],
  r"(?:^|[^\w/])(1//0[A-Za-z0-9_-]{40,200})", "1//0{B64U:60}", ent=4.0)
S("gcp-oauth-access-token", "Google OAuth access token", ["ya29."],
  r"\b(ya29\.[A-Za-z0-9_-]{50,300})", "ya29.{B64U:80}", conf="medium", ent=4.0)
S("firebase-cloud-messaging-key", "Firebase Cloud Messaging server key", [":apa91b"],
  r"\b(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})(?:[^A-Za-z0-9_-]|$)", "AAAA{B64U:7}:APA91b{B64U:134}", ent=4.5)
S("azure-storage-account-key", "Azure storage account key", ["accountkey"],
  r"(?i:AccountKey){assign}([A-Za-z0-9+/]{86}==)", "{B64:86}==", ent=4.5, ctx="AccountKey",
  pos=["DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=@@TOK@@;EndpointSuffix=core.windows.net"])
S("azure-shared-access-key", "Azure Service Bus / Event Hubs shared access key", ["sharedaccesskey"],
  r"(?i:SharedAccessKey){assign}([A-Za-z0-9+/]{43}=)", "{B64:43}=", ent=4.3, ctx="SharedAccessKey")
S("azure-sas-token", "Azure shared access signature (SAS) query string", ["sig="],
  r"\b(sv=\d{4}-\d\d-\d\d&[^\s'\"]{0,200}?&sig=[A-Za-z0-9%+/]{43,60}(?:%3D|=)?)",
  "sv=2022-11-02&ss=b&srt=o&sp=r&se=2027-01-01T00:00:00Z&sig={B64:43}%3D", conf="medium", ent=4.0)
S("azure-ad-client-secret", "Azure AD (Entra ID) client secret", [f"{d}q~" for d in range(10)],
  r"(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?:[^A-Za-z0-9_~.-]|$)",
  "{A62:3}8Q~{A62:31}", ent=4.0)
S("azure-devops-pat", "Azure DevOps personal access token", ["azure", "ado_pat", "devops"],
  C(r"(?:azure[\w.-]{0,10}devops|ado)[\w.-]{0,10}(?:pat|token)", r"[a-z2-7]{52}") + r"\b",
  "{B32L:52}", ctx="AZURE_DEVOPS_PAT", ent=4.0)
S("alibaba-access-key-id", "Alibaba Cloud AccessKey id", ["ltai"],
  r"\b(LTAI[A-Za-z0-9]{20})\b", "LTAI{A62:20}", ent=3.5)
S("tencent-secret-id", "Tencent Cloud SecretId", ["akid"],
  r"\b(AKID[A-Za-z0-9]{32})\b", "AKID{A62:32}", ent=3.5)
S("ibm-cloud-api-key", "IBM Cloud API key", ["ibm"],
  C(r"ibm[\w.-]{0,20}(?:api[_-]?key|apikey)", r"[A-Za-z0-9_-]{44}") + r"(?:[^A-Za-z0-9_-]|$)",
  "{B64U:44}", ctx="IBM_CLOUD_API_KEY", ent=4.0)
S("digitalocean-token", "DigitalOcean personal access / OAuth / refresh token", ["dop_v1_", "doo_v1_", "dor_v1_"],
  r"\b(do[opr]_v1_[a-f0-9]{64})\b", "dop_v1_{HEX:64}", ent=3.5)
S("linode-token", "Linode (Akamai) API token", ["linode"],
  C(r"linode[\w.-]{0,20}(?:token|key)", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="LINODE_TOKEN", ent=3.5)
S("cloudflare-api-token", "Cloudflare API token", ["cloudflare", "cf_api"],
  C(r"(?:cloudflare|cf)[\w.-]{0,12}(?:api[_-]?)?(?:token|key)", r"[A-Za-z0-9_-]{40}") + r"(?:[^A-Za-z0-9_-]|$)",
  "{B64U:40}", ctx="CLOUDFLARE_API_TOKEN", ent=4.0)
S("cloudflare-origin-ca-key", "Cloudflare Origin CA key", ["v1.0-"],
  r"\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b", "v1.0-{HEX:24}-{HEX:146}", ent=3.5)
S("yandex-api-key", "Yandex Cloud API key", ["aqvn"],
  r"\b(AQVN[A-Za-z0-9_-]{35,38})(?:[^A-Za-z0-9_-]|$)", "AQVN{B64U:36}", ent=4.0)
S("openshift-token", "OpenShift user token", ["sha256~"],
  r"\b(sha256~[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)", "sha256~{B64U:43}", ent=4.0)
S("heroku-api-key", "Heroku API key", ["hrku-"],
  r"\b(HRKU-AA[0-9A-Za-z_-]{58})(?:[^0-9A-Za-z_-]|$)", "HRKU-AA{B64U:58}", ent=4.0)
S("heroku-api-key-legacy", "Heroku API key (legacy UUID)", ["heroku"],
  C(r"heroku[\w.-]{0,20}(?:api[_-]?key|token)", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") + r"\b",
  "{uuid}", ctx="HEROKU_API_KEY", conf="medium", ent=3.0)
S("fly-io-token", "Fly.io access token", ["fo1_", "fm1_", "fm1a_", "fm1r_", "fm2_"],
  r"\b((?:fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/=_-]{100,}))", "fo1_{B64U:43}", ent=4.0)
S("vercel-token", "Vercel access token", ["vercel"],
  C(r"vercel[\w.-]{0,20}(?:token|key)", r"[A-Za-z0-9]{24}") + r"\b", "{A62:24}", ctx="VERCEL_TOKEN", ent=3.8)
S("netlify-token", "Netlify personal access token", ["nfp_", "netlify"],
  r"\b(nfp_[A-Za-z0-9]{36,40})\b", "nfp_{A62:36}", ent=4.0)
S("render-api-key", "Render API key", ["rnd_"],
  r"\b(rnd_[A-Za-z0-9]{32})\b", "rnd_{A62:32}", ent=4.0)
S("railway-token", "Railway API token", ["railway"],
  C(r"railway[\w.-]{0,12}(?:api[_-]?)?token", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") + r"\b",
  "{uuid}", ctx="RAILWAY_TOKEN", conf="medium", ent=3.0)
S("supabase-service-key", "Supabase access or secret key", ["sbp_", "sb_secret_"],
  r"\b((?:sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,40}))(?:[^A-Za-z0-9_-]|$)", "sbp_{HEX:40}", ent=3.5)
S("planetscale-token", "PlanetScale token or password", ["pscale_"],
  r"\b(pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64})\b", "pscale_tkn_{B64U:43}", ent=4.0)
S("databricks-token", "Databricks personal access token", ["dapi"],
  r"\b(dapi[a-f0-9]{32}(?:-\d)?)\b", "dapi{HEX:32}", ent=3.3)
S("mongodb-atlas-key", "MongoDB Atlas private API key", ["atlas"],
  C(r"(?:mongodb[\w.-]{0,8})?atlas[\w.-]{0,12}private[\w.-]{0,8}key", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") + r"\b",
  "{uuid}", ctx="ATLAS_PRIVATE_KEY", ent=3.0)
S("upstash-redis-token", "Upstash REST token", ["upstash"],
  C(r"upstash[\w.-]{0,20}token", r"A[A-Za-z0-9_-]{60,80}") + r"(?:[^A-Za-z0-9_-]|$)",
  "A{B64U:66}", ctx="UPSTASH_REDIS_REST_TOKEN", ent=4.0)

# ---------------------------------------------------------------- VCS / CI
family("vcs")
for pfx, what in [("ghp", "personal access token (classic)"), ("gho", "OAuth access token"),
                  ("ghu", "App user-to-server token"), ("ghs", "App server-to-server (installation) token"),
                  ("ghr", "App refresh token")]:
    S(f"github-{ {'ghp':'pat','gho':'oauth','ghu':'app-user','ghs':'app-installation','ghr':'app-refresh'}[pfx] }",
      f"GitHub {what}", [f"{pfx}_"],
      rf"\b({pfx}_[A-Za-z0-9]{{36,76}})\b", f"{pfx}_{{A62:30}}{{crc}}", validator="github-crc32", ent=3.5)
S("github-fine-grained-pat", "GitHub fine-grained personal access token", ["github_pat_"],
  r"\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b", "github_pat_{A62:22}_{A62:59}", ent=4.0)
S("github-app-client-secret", "GitHub App / OAuth App client secret", ["github"],
  C(r"github[\w.-]{0,12}client[_-]?secret", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="GITHUB_CLIENT_SECRET", ent=3.3)
S("gitlab-pat", "GitLab personal, project or group access token", ["glpat-"],
  r"\b(glpat-[A-Za-z0-9_-]{20,60})(?:[^A-Za-z0-9_-]|$)", "glpat-{B64U:20}", ent=3.5)
S("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", ["glptt-"],
  r"\b(glptt-[a-f0-9]{40})\b", "glptt-{HEX:40}", ent=3.3)
S("gitlab-runner-registration-token", "GitLab runner registration token", ["gr1348941"],
  r"\b(GR1348941[A-Za-z0-9_-]{20})(?:[^A-Za-z0-9_-]|$)", "GR1348941{B64U:20}", ent=3.5)
S("gitlab-runner-token", "GitLab runner authentication token", ["glrt-"],
  r"\b(glrt-[A-Za-z0-9_-]{20,60})(?:[^A-Za-z0-9_-]|$)", "glrt-{B64U:20}", ent=3.5)
S("gitlab-deploy-token", "GitLab deploy token", ["gldt-"],
  r"\b(gldt-[A-Za-z0-9_-]{20,60})(?:[^A-Za-z0-9_-]|$)", "gldt-{B64U:20}", ent=3.5)
S("gitlab-feed-token", "GitLab feed token", ["glft-"],
  r"\b(glft-[A-Za-z0-9_-]{20,60})(?:[^A-Za-z0-9_-]|$)", "glft-{B64U:20}", ent=3.5)
S("gitlab-oauth-secret", "GitLab OAuth application secret", ["gloas-"],
  r"\b(gloas-[A-Za-z0-9_-]{64})(?:[^A-Za-z0-9_-]|$)", "gloas-{B64U:64}", ent=4.0)
S("gitlab-incoming-mail-token", "GitLab incoming mail token", ["glimt-"],
  r"\b(glimt-[A-Za-z0-9_-]{25})(?:[^A-Za-z0-9_-]|$)", "glimt-{B64U:25}", ent=3.5)
S("gitlab-scim-token", "GitLab SCIM OAuth token", ["glsoat-"],
  r"\b(glsoat-[A-Za-z0-9_-]{20,60})(?:[^A-Za-z0-9_-]|$)", "glsoat-{B64U:20}", ent=3.5)
S("gitlab-ci-job-token", "GitLab CI/CD job token", ["glcbt-"],
  r"\b(glcbt-[0-9a-f]{1,5}_[A-Za-z0-9_-]{20})(?:[^A-Za-z0-9_-]|$)", "glcbt-{HEX:2}_{B64U:20}", ent=3.5)
S("gitlab-agent-token", "GitLab Kubernetes agent token", ["glagent-"],
  r"\b(glagent-[A-Za-z0-9_-]{50})(?:[^A-Za-z0-9_-]|$)", "glagent-{B64U:50}", ent=4.0)
S("gitlab-feature-flag-token", "GitLab feature-flag client token", ["glffct-"],
  r"\b(glffct-[A-Za-z0-9_-]{20})(?:[^A-Za-z0-9_-]|$)", "glffct-{B64U:20}", ent=3.5)
S("bitbucket-app-password", "Bitbucket app password / API token", ["ATBB"],
  r"\b(ATBB[A-Za-z0-9]{32})\b", "ATBB{A62:32}", ent=3.8, exact=True)
S("bitbucket-client-secret", "Bitbucket OAuth consumer secret", ["bitbucket"],
  C(r"bitbucket[\w.-]{0,12}(?:client|consumer)[_-]?secret", r"[A-Za-z0-9]{32}") + r"\b",
  "{A62:32}", ctx="BITBUCKET_CLIENT_SECRET", ent=3.8)
S("circleci-personal-token", "CircleCI personal or project API token", ["ccipat_", "cciprj_"],
  r"\b(CCI(?:PAT|PRJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})\b", "CCIPAT_{A62:22}_{HEX:40}", ent=4.0)
S("circleci-token", "CircleCI API token (legacy)", ["circle"],
  C(r"circle(?:ci)?[\w.-]{0,12}token", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="CIRCLECI_TOKEN", ent=3.3)
S("travis-ci-token", "Travis CI API token", ["travis"],
  C(r"travis[\w.-]{0,12}(?:api[_-]?)?token", r"[A-Za-z0-9_-]{22}") + r"(?:[^A-Za-z0-9_-]|$)",
  "{B64U:22}", ctx="TRAVIS_API_TOKEN", ent=3.8)
S("buildkite-agent-token", "Buildkite agent or API token", ["bkua_", "bkat_"],
  r"\b(bk(?:ua|at)_[a-f0-9]{40})\b", "bkua_{HEX:40}", ent=3.3)
S("drone-ci-token", "Drone CI token", ["drone"],
  C(r"drone[\w.-]{0,12}token", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="DRONE_TOKEN", ent=3.8)
S("jenkins-api-token", "Jenkins API token", ["jenkins"],
  C(r"jenkins[\w.-]{0,12}(?:api[_-]?)?token", r"11[a-f0-9]{32}") + r"\b", "11{HEX:32}", ctx="JENKINS_API_TOKEN", ent=3.3)
S("sourcegraph-token", "Sourcegraph access token", ["sgp_"],
  r"\b(sgp_(?:[a-f0-9]{16}_)?[a-f0-9]{40})\b", "sgp_{HEX:16}_{HEX:40}", ent=3.3)
S("sonarqube-token", "SonarQube / SonarCloud token", ["squ_", "sqp_", "sqa_"],
  r"\b(sq[upa]_[a-f0-9]{40})\b", "squ_{HEX:40}", ent=3.3)
S("octopus-deploy-key", "Octopus Deploy API key", ["API-"],
  r"\b(API-[A-Z0-9]{26,32})\b", "API-{UP:26}", ent=3.5, exact=True)
S("harness-pat", "Harness personal access token", ["pat."],
  r"\b(pat\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20})\b", "pat.{B64U:22}.{HEX:24}.{A62:20}", ent=4.0)
S("codecov-token", "Codecov upload token", ["codecov"],
  C(r"codecov[\w.-]{0,8}token", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") + r"\b",
  "{uuid}", ctx="CODECOV_TOKEN", conf="medium", ent=3.0)
S("snyk-token", "Snyk API token", ["snyk"],
  C(r"snyk[\w.-]{0,8}(?:token|api[_-]?key)", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") + r"\b",
  "{uuid}", ctx="SNYK_TOKEN", ent=3.0)

# ---------------------------------------------------------------- package registries
family("registries")
S("npm-access-token", "npm access token", ["npm_"],
  r"\b(npm_[A-Za-z0-9]{36})\b", "npm_{A62:36}", ent=4.0)
S("npmrc-auth-token", "npm registry auth token (.npmrc _authToken)", ["_authtoken"],
  r"(?i:_authToken){assign}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9+/=]{40,})",
  "{uuid}", ctx="_authToken", ent=3.0, pos=["//registry.npmjs.org/:_authToken=@@TOK@@"])
S("pypi-token", "PyPI upload token", ["pypi-ageicHlwaS5vcmc", "pypi-agenDGVzdC5weXBpLm9yZw"],
  r"\b(pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,300})(?:[^A-Za-z0-9_-]|$)",
  "pypi-AgEIcHlwaS5vcmc{B64U:70}", ent=4.0)
S("crates-io-token", "crates.io API token", ["cio"],
  r"\b(cio[A-Za-z0-9]{32})\b", "cio{A62:32}", ent=4.0)
S("docker-hub-token", "Docker Hub personal or organisation access token", ["dckr_pat_", "dckr_oat_"],
  r"\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})(?:[^A-Za-z0-9_-]|$)", "dckr_pat_{B64U:27}", ent=4.0)
S("docker-config-auth", "Registry credentials (base64 user:password) in an auth field", ["auth"],
  r"(?i:\bauth){assign}([A-Za-z0-9+/]{16,200}={0,2})(?:[^A-Za-z0-9+/=]|$)", "@@BASICAUTH@@", ctx="auth",
  validator="basic-auth", conf="medium", ent=3.5,
  pos=['{"auths": {"registry.internal.corp": {"auth": "@@TOK@@"}}}'])
S("nuget-api-key", "NuGet API key", ["oy2"],
  r"\b(oy2[a-z0-9]{43})\b", "oy2{LOW:43}", ent=4.0)
S("rubygems-api-key", "RubyGems API key", ["rubygems_"],
  r"\b(rubygems_[a-f0-9]{48})\b", "rubygems_{HEX:48}", ent=3.5)
S("artifactory-api-key", "JFrog Artifactory API key", ["akcp"],
  r"\b(AKCp[A-Za-z0-9]{69})\b", "AKCp{A62:69}", ent=4.5)
S("artifactory-reference-token", "JFrog Artifactory reference token", ["cmvmdgtuojaxoj"],
  r"\b(cmVmdGtuOjAxOj[A-Za-z0-9]{50})\b", "cmVmdGtuOjAxOj{A62:50}", ent=4.0)
S("pulumi-token", "Pulumi access token", ["pul-"],
  r"\b(pul-[a-f0-9]{40})\b", "pul-{HEX:40}", ent=3.3)
S("terraform-cloud-token", "Terraform Cloud / HCP Terraform API token", ["atlasv1"],
  r"\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?:[^A-Za-z0-9_=-]|$)", "{A62:14}.atlasv1.{B64U:67}", ent=4.5)
S("hex-pm-key", "Hex.pm API key", ["hex_api_key", "hexpm"],
  C(r"hex(?:pm)?[_-]api[_-]?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="HEX_API_KEY", ent=3.3)
S("gemfury-token", "Gemfury push token", ["gemfury", "fury"],
  C(r"(?:gem)?fury[\w.-]{0,8}(?:push[_-]?)?token", r"[A-Za-z0-9]{20}") + r"\b", "{A62:20}", ctx="GEMFURY_TOKEN", ent=3.8)

# ---------------------------------------------------------------- payment
family("payments")
S("stripe-secret-key", "Stripe secret key", ["sk_live_", "sk_test_"],
  r"\b(sk_(?:live|test)_[0-9A-Za-z]{24,99})\b", "sk_live_{A62:32}", ent=4.0)
S("stripe-restricted-key", "Stripe restricted key", ["rk_live_", "rk_test_"],
  r"\b(rk_(?:live|test)_[0-9A-Za-z]{24,99})\b", "rk_live_{A62:32}", ent=4.0)
S("stripe-webhook-secret", "Stripe webhook signing secret", ["whsec_"],
  r"\b(whsec_[A-Za-z0-9+/=]{32,64})", "whsec_{A62:32}", ent=4.0)
S("square-access-token", "Square access token", ["EAAA", "sq0atp-"],
  r"\b((?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[0-9A-Za-z_-]{22}))(?:[^A-Za-z0-9_-]|$)", "EAAA{B64U:60}", ent=4.0, exact=True)
S("square-oauth-secret", "Square OAuth secret", ["sq0csp-"],
  r"\b(sq0csp-[0-9A-Za-z_-]{43})(?:[^A-Za-z0-9_-]|$)", "sq0csp-{B64U:43}", ent=4.0)
S("braintree-access-token", "PayPal Braintree access token", ["access_token$"],
  r"(access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})\b",
  "access_token$production${LOW:16}${HEX:32}", ent=3.8)
S("paypal-client-secret", "PayPal REST client secret", ["paypal"],
  C(r"paypal[\w.-]{0,12}(?:client[_-]?)?secret", r"E[A-Za-z0-9_-]{79}") + r"(?:[^A-Za-z0-9_-]|$)",
  "E{B64U:79}", ctx="PAYPAL_CLIENT_SECRET", ent=4.5)
S("shopify-access-token", "Shopify access token", ["shpat_", "shpca_", "shppa_"],
  r"\b(shp(?:at|ca|pa)_[a-fA-F0-9]{32})\b", "shpat_{HEX:32}", ent=3.3)
S("shopify-shared-secret", "Shopify app shared secret", ["shpss_"],
  r"\b(shpss_[a-fA-F0-9]{32})\b", "shpss_{HEX:32}", ent=3.3)
S("razorpay-key", "Razorpay API key id", ["rzp_live_", "rzp_test_"],
  r"\b(rzp_(?:live|test)_[A-Za-z0-9]{14})\b", "rzp_live_{A62:14}", conf="medium", ent=3.5)
S("flutterwave-secret-key", "Flutterwave secret key", ["flwseck"],
  r"\b(FLWSECK(?:_TEST)?-[a-f0-9]{32}-X)\b", "FLWSECK-{HEX:32}-X", ent=3.5)
S("plaid-access-token", "Plaid access token", ["access-production-", "access-development-", "access-sandbox-"],
  r"\b(access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b",
  "access-production-{uuid}", ent=3.3)
S("plaid-secret", "Plaid client secret", ["plaid"],
  C(r"plaid[\w.-]{0,12}secret", r"[a-f0-9]{30}") + r"\b", "{HEX:30}", ctx="PLAID_SECRET", ent=3.3)
S("paddle-api-key", "Paddle API key", ["pdl_live_", "pdl_sdbx_"],
  r"\b(pdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3})\b",
  "pdl_live_apikey_{LOW:26}_{A62:22}_{A62:3}", ent=4.0)
S("adyen-api-key", "Adyen API key", ["adyen"],
  C(r"adyen[\w.-]{0,12}(?:api[_-]?)?key", r"AQE[a-zA-Z0-9]{2}[a-zA-Z0-9+/._=-]{120,}"), "AQE{A62:2}{B64:160}",
  ctx="ADYEN_API_KEY", ent=4.5)
S("coinbase-api-secret", "Coinbase API secret", ["coinbase"],
  C(r"coinbase[\w.-]{0,12}(?:api[_-]?)?secret", r"[A-Za-z0-9+/]{86,88}={0,2}"), "{B64:88}",
  ctx="COINBASE_API_SECRET", ent=4.5)
S("gocardless-token", "GoCardless access token", ["gocardless"],
  C(r"gocardless[\w.-]{0,12}(?:access[_-]?)?token", r"live_[A-Za-z0-9_-]{40}") + r"(?:[^A-Za-z0-9_-]|$)",
  "live_{B64U:40}", ctx="GOCARDLESS_ACCESS_TOKEN", ent=4.0)
S("shippo-token", "Shippo API token", ["shippo_"],
  r"\b(shippo_(?:live|test)_[a-f0-9]{40})\b", "shippo_live_{HEX:40}", ent=3.5)
S("easypost-key", "EasyPost API key", ["ezak", "eztk"],
  r"\b(EZ[AT]K[a-zA-Z0-9]{54})\b", "EZAK{A62:54}", ent=4.0)
S("duffel-token", "Duffel API token", ["duffel_"],
  r"\b(duffel_(?:test|live)_[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)", "duffel_live_{B64U:43}", ent=4.0)

# ---------------------------------------------------------------- messaging
family("messaging")
S("slack-bot-token", "Slack bot token", ["xoxb-"],
  r"\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})\b", "xoxb-{DIG:12}-{DIG:13}-{A62:24}", ent=3.5)
S("slack-user-token", "Slack user token", ["xoxp-"],
  r"\b(xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32})\b", "xoxp-{DIG:12}-{DIG:12}-{DIG:13}-{HEX:32}", ent=3.5)
S("slack-app-token", "Slack app-level token", ["xapp-"],
  r"\b(xapp-\d-[A-Z0-9]{9,12}-\d{10,13}-[a-f0-9]{64})\b", "xapp-1-A{UP:10}-{DIG:13}-{HEX:64}", ent=3.5)
S("slack-config-token", "Slack configuration access token", ["xoxe.xox"],
  r"\b(xoxe\.xox[bp]-\d-[A-Za-z0-9]{160,170})\b", "xoxe.xoxp-1-{A62:163}", ent=4.5)
S("slack-config-refresh-token", "Slack configuration refresh token", ["xoxe-"],
  r"\b(xoxe-\d-[A-Za-z0-9]{140,150})\b", "xoxe-1-{A62:146}", ent=4.5)
S("slack-legacy-token", "Slack legacy or workspace token", ["xoxa-", "xoxr-", "xoxs-", "xoxo-"],
  r"\b(xox[aors]-(?:\d-)?[0-9A-Za-z-]{30,120})\b", "xoxa-2-{A62:12}-{A62:40}", ent=3.8)
S("slack-webhook", "Slack incoming webhook URL", ["hooks.slack.com"],
  r"(https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/[A-Z0-9]{8,12}/[A-Za-z0-9]{24,})",
  "https://hooks.slack.com/services/T{UP:10}/B{UP:10}/{A62:24}", ent=4.0)
S("twilio-api-key", "Twilio API key (SK id) in a Twilio setting", ["twilio"],
  C(r"twilio[\w.-]{0,12}(?:api[_-]?)?key", r"SK[0-9a-fA-F]{32}") + r"\b", "SK{HEX:32}", ctx="TWILIO_API_KEY", conf="medium", ent=3.3)
S("twilio-auth-token", "Twilio auth token", ["twilio"],
  C(r"twilio[\w.-]{0,12}(?:auth[_-]?)?token", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="TWILIO_AUTH_TOKEN", ent=3.3)
S("sendgrid-api-key", "SendGrid API key", ["SG."],
  r"\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)", "SG.{B64U:22}.{B64U:43}", ent=4.5, exact=True)
S("mailgun-api-key", "Mailgun private API key", ["key-"],
  r"\b(key-[0-9a-f]{32})\b", "key-{HEX:32}", conf="medium", ent=3.3)
S("mailgun-signing-key", "Mailgun webhook signing key", ["mailgun"],
  C(r"mailgun[\w.-]{0,20}(?:signing[_-]?key|api[_-]?key)", r"[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}") + r"\b",
  "{HEX:32}-{HEX:8}-{HEX:8}", ctx="MAILGUN_SIGNING_KEY", ent=3.3)
S("mailchimp-api-key", "Mailchimp API key", ["-us"],
  r"\b([0-9a-f]{32}-us[0-9]{1,2})\b", "{HEX:32}-us14", ent=3.3, exact=True)
S("mailersend-token", "MailerSend API token", ["mlsn."],
  r"\b(mlsn\.[a-f0-9]{64})\b", "mlsn.{HEX:64}", ent=3.5)
S("brevo-api-key", "Brevo (Sendinblue) API key", ["xkeysib-"],
  r"\b(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b", "xkeysib-{HEX:64}-{A62:16}", ent=3.8)
S("resend-api-key", "Resend API key", ["resend"],
  C(r"resend[\w.-]{0,8}api[_-]?key", r"re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}") + r"\b", "re_{A62:8}_{A62:24}", ctx="RESEND_API_KEY", ent=4.0)
S("postmark-token", "Postmark server token", ["postmark"],
  C(r"postmark[\w.-]{0,20}(?:token|key)", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") + r"\b",
  "{uuid}", ctx="POSTMARK_SERVER_TOKEN", ent=3.0)
S("mailjet-secret", "Mailjet API secret", ["mailjet", "mj_apikey"],
  C(r"(?:mailjet|mj)[\w.-]{0,12}(?:secret|private)", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="MAILJET_SECRET_KEY", ent=3.3)
S("discord-bot-token", "Discord bot token", ["discord"],
  C(r"discord[\w.-]{0,12}(?:bot[_-]?)?token", r"[MNO][A-Za-z0-9]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}") + r"(?:[^A-Za-z0-9_-]|$)",
  "M{A62:23}.{B64U:6}.{B64U:27}", ctx="DISCORD_BOT_TOKEN", ent=4.0)
S("discord-webhook", "Discord webhook URL", ["discord.com/api/webhooks", "discordapp.com/api/webhooks"],
  r"(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_-]{60,68})",
  "https://discord.com/api/webhooks/{DIG:18}/{B64U:68}", ent=4.0)
S("discord-client-secret", "Discord OAuth client secret", ["discord"],
  C(r"discord[\w.-]{0,12}client[_-]?secret", r"[A-Za-z0-9_-]{32}") + r"(?:[^A-Za-z0-9_-]|$)",
  "{B64U:32}", ctx="DISCORD_CLIENT_SECRET", ent=4.0)
S("telegram-bot-token", "Telegram bot token", [":AA"],
  r"(?:^|[^0-9])([0-9]{8,10}:AA[0-9A-Za-z_-]{33})(?:[^0-9A-Za-z_-]|$)", "{DIG:10}:AA{B64U:33}", ent=4.0, exact=True)
S("teams-webhook", "Microsoft Teams incoming webhook URL", ["webhook.office.com"],
  r"(https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[a-f0-9]{32}/[0-9a-f-]{36})",
  "https://contoso.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{HEX:32}/{uuid}", ent=3.5)
S("vonage-api-secret", "Vonage (Nexmo) API secret", ["vonage", "nexmo"],
  C(r"(?:vonage|nexmo)[\w.-]{0,12}(?:api[_-]?)?secret", r"[A-Za-z0-9]{16}") + r"\b", "{A62:16}",
  ctx="VONAGE_API_SECRET", ent=3.5)
S("messagebird-key", "MessageBird API key", ["messagebird"],
  C(r"messagebird[\w.-]{0,12}(?:api[_-]?)?key", r"[A-Za-z0-9]{25}") + r"\b", "{A62:25}", ctx="MESSAGEBIRD_API_KEY", ent=3.8)
S("telnyx-api-key", "Telnyx API key", ["KEY0"],
  r"\b(KEY0[A-F0-9]{31}_[A-Za-z0-9]{22})\b", "KEY0{HEXU:31}_{A62:22}", ent=3.8, exact=True)
S("twitter-bearer-token", "Twitter / X bearer token", ["AAAAAAAAAAAAAAAAAAAAA"],
  r"\b(A{22}[A-Za-z0-9%]{80,120})\b", "AAAAAAAAAAAAAAAAAAAAAA{A62:90}", ent=3.8, exact=True)
S("twitter-api-secret", "Twitter / X API secret", ["twitter"],
  C(r"(?:twitter|x_api)[\w.-]{0,12}(?:consumer[_-]?|api[_-]?)?secret", r"[A-Za-z0-9]{50}") + r"\b",
  "{A62:50}", ctx="TWITTER_API_SECRET", ent=4.3)
S("facebook-access-token", "Facebook / Meta access token", ["EAAC", "EAAG"],
  r"\b(EAA[CG][A-Za-z0-9]{100,250})\b", "EAAG{A62:140}", ent=4.5, exact=True)
S("facebook-app-secret", "Facebook / Meta app secret", ["facebook", "fb_app"],
  C(r"(?:facebook|fb)[\w.-]{0,12}(?:app[_-]?)?secret", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="FACEBOOK_APP_SECRET", ent=3.3)
S("linkedin-client-secret", "LinkedIn client secret", ["linkedin"],
  C(r"linkedin[\w.-]{0,12}(?:client[_-]?)?secret", r"[A-Za-z0-9]{16}") + r"\b", "{A62:16}", ctx="LINKEDIN_CLIENT_SECRET", ent=3.5)
S("pusher-secret", "Pusher app secret", ["pusher"],
  C(r"pusher[\w.-]{0,12}(?:app[_-]?)?secret", r"[a-f0-9]{20}") + r"\b", "{HEX:20}", ctx="PUSHER_APP_SECRET", ent=3.2)
S("intercom-token", "Intercom access token", ["intercom"],
  C(r"intercom[\w.-]{0,12}(?:access[_-]?)?token", r"dG9rOj[A-Za-z0-9+/=_-]{40,70}"), "dG9rOj{B64:54}=",
  ctx="INTERCOM_ACCESS_TOKEN", ent=4.3)
S("zendesk-token", "Zendesk API token", ["zendesk"],
  C(r"zendesk[\w.-]{0,12}(?:api[_-]?)?token", r"[A-Za-z0-9]{40}") + r"\b", "{A62:40}", ctx="ZENDESK_API_TOKEN", ent=4.0)
S("onesignal-key", "OneSignal REST API key", ["onesignal"],
  C(r"onesignal[\w.-]{0,12}(?:rest[_-]?)?(?:api[_-]?)?key", r"os_v2_app_[a-z0-9]{100,120}|[A-Za-z0-9]{48}") + r"\b",
  "{A62:48}", ctx="ONESIGNAL_REST_API_KEY", ent=4.3)
S("zapier-webhook", "Zapier catch-hook URL", ["hooks.zapier.com"],
  r"(https://hooks\.zapier\.com/hooks/catch/\d{5,10}/[a-z0-9]{6,8})/?", "https://hooks.zapier.com/hooks/catch/{DIG:8}/{LOW:7}",
  conf="medium", ent=3.5)

# ---------------------------------------------------------------- AI providers
family("ai")
S("anthropic-api-key", "Anthropic API key", ["sk-ant-api"],
  r"\b(sk-ant-api0\d-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_-]|$)", "sk-ant-api03-{B64U:93}AA", ent=4.5)
S("anthropic-admin-key", "Anthropic Admin API key", ["sk-ant-admin"],
  r"\b(sk-ant-admin0\d-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_-]|$)", "sk-ant-admin01-{B64U:93}AA", ent=4.5)
S("openai-api-key", "OpenAI API key", ["t3blbkfj"],
  r"\b(sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})(?:[^A-Za-z0-9_-]|$)",
  "sk-proj-{B64U:74}T3BlbkFJ{B64U:74}", ent=4.5)
S("huggingface-token", "Hugging Face access token", ["hf_"],
  r"\b(hf_[A-Za-z]{34})\b", "hf_{ALPHA:34}", ent=4.0)
S("huggingface-org-token", "Hugging Face organisation API token", ["api_org_"],
  r"\b(api_org_[A-Za-z]{34})\b", "api_org_{ALPHA:34}", ent=4.0)
S("cohere-api-key", "Cohere API key", ["cohere", "co_api_key"],
  C(r"(?:cohere|co)[\w.-]{0,8}api[_-]?key", r"[A-Za-z0-9]{40}") + r"\b", "{A62:40}", ctx="COHERE_API_KEY", ent=4.0)
S("replicate-api-token", "Replicate API token", ["r8_"],
  r"\b(r8_[A-Za-z0-9]{37})\b", "r8_{A62:37}", ent=4.0)
S("groq-api-key", "Groq API key", ["gsk_"],
  r"\b(gsk_[A-Za-z0-9]{52})\b", "gsk_{A62:52}", ent=4.3)
S("perplexity-api-key", "Perplexity API key", ["pplx-"],
  r"\b(pplx-[A-Za-z0-9]{48})\b", "pplx-{A62:48}", ent=4.3)
S("xai-api-key", "xAI API key", ["xai-"],
  r"\b(xai-[A-Za-z0-9]{80})\b", "xai-{A62:80}", ent=4.5)
S("openrouter-api-key", "OpenRouter API key", ["sk-or-v1-"],
  r"\b(sk-or-v1-[a-f0-9]{64})\b", "sk-or-v1-{HEX:64}", ent=3.5)
S("mistral-api-key", "Mistral AI API key", ["mistral"],
  C(r"mistral[\w.-]{0,8}api[_-]?key", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="MISTRAL_API_KEY", ent=3.8)
S("deepseek-api-key", "DeepSeek API key", ["deepseek"],
  C(r"deepseek[\w.-]{0,8}api[_-]?key", r"sk-[a-f0-9]{32}") + r"\b", "sk-{HEX:32}", ctx="DEEPSEEK_API_KEY", ent=3.5)
S("together-api-key", "Together AI API key", ["together"],
  C(r"together[\w.-]{0,8}api[_-]?key", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="TOGETHER_API_KEY", ent=3.5)
S("langsmith-api-key", "LangSmith API key", ["lsv2_"],
  r"\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})\b", "lsv2_pt_{HEX:32}_{HEX:10}", ent=3.5)
S("pinecone-api-key", "Pinecone API key", ["pcsk_"],
  r"\b(pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,70})\b", "pcsk_{A62:6}_{A62:63}", ent=4.3)
S("wandb-api-key", "Weights & Biases API key", ["wandb"],
  C(r"wandb[\w.-]{0,8}api[_-]?key", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="WANDB_API_KEY", ent=3.3)
S("elevenlabs-api-key", "ElevenLabs API key", ["elevenlabs", "xi-api-key", "xi_api_key"],
  C(r"(?:elevenlabs|xi)[\w.-]{0,8}api[_-]?key", r"sk_[a-f0-9]{48}") + r"\b", "sk_{HEX:48}", ctx="ELEVENLABS_API_KEY", ent=3.5)
S("fireworks-api-key", "Fireworks AI API key", ["fw_"],
  r"\b(fw_[A-Za-z0-9]{24})\b", "fw_{A62:24}", conf="medium", ent=3.8)
S("anyscale-api-key", "Anyscale API key", ["esecret_"],
  r"\b(esecret_[A-Za-z0-9]{20,60})\b", "esecret_{A62:30}", ent=4.0)
S("assemblyai-api-key", "AssemblyAI API key", ["assemblyai"],
  C(r"assembly_?ai[\w.-]{0,8}api[_-]?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="ASSEMBLYAI_API_KEY", ent=3.3)
S("kaggle-key", "Kaggle API key", ["kaggle"],
  C(r"kaggle[\w.-]{0,4}key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="KAGGLE_KEY", ent=3.3)

# ---------------------------------------------------------------- observability and SaaS
family("observability")
S("datadog-api-key", "Datadog API key", ["datadog", "dd_api", "dd-api"],
  C(r"(?:datadog|dd)[\w.-]{0,8}api[_-]?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="DATADOG_API_KEY", ent=3.3)
S("datadog-app-key", "Datadog application key", ["datadog", "dd_app", "dd-app"],
  C(r"(?:datadog|dd)[\w.-]{0,8}app(?:lication)?[_-]?key", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="DD_APP_KEY", ent=3.3)
S("newrelic-user-api-key", "New Relic user API key", ["nrak-"],
  r"\b(NRAK-[A-Z0-9]{27})\b", "NRAK-{UP:27}", ent=3.8)
S("newrelic-insights-key", "New Relic Insights insert or query key", ["nrii-", "nriq-"],
  r"\b(NRI[IQ]-[A-Za-z0-9_-]{32})(?:[^A-Za-z0-9_-]|$)", "NRII-{B64U:32}", ent=4.0)
S("newrelic-license-key", "New Relic ingest licence key", ["NRAL"],
  r"\b([a-f0-9]{36}NRAL)\b", "{HEX:36}NRAL", ent=3.5, exact=True)
S("newrelic-browser-key", "New Relic browser API key", ["nrjs-"],
  r"\b(NRJS-[a-f0-9]{19})\b", "NRJS-{HEX:19}", conf="medium", ent=3.3)
S("sentry-user-token", "Sentry user auth token", ["sntryu_"],
  r"\b(sntryu_[a-f0-9]{64})\b", "sntryu_{HEX:64}", ent=3.5)
S("sentry-org-token", "Sentry organisation auth token", ["sntrys_"],
  r"\b(sntrys_eyJ[A-Za-z0-9+/=_-]{60,300})", "sntrys_eyJ{B64U:120}", ent=4.5)
S("sentry-auth-token-legacy", "Sentry auth token (legacy)", ["sentry"],
  C(r"sentry[\w.-]{0,8}auth[_-]?token", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="SENTRY_AUTH_TOKEN", ent=3.5)
S("atlassian-api-token", "Atlassian (Jira, Confluence) API token", ["ATATT3"],
  r"\b(ATATT3[A-Za-z0-9_=-]{180,200})(?:[^A-Za-z0-9_=-]|$)", "ATATT3xFfGF0{B64U:180}", ent=4.5, exact=True)
S("atlassian-api-token-legacy", "Atlassian API token (legacy)", ["jira", "confluence", "atlassian"],
  C(r"(?:jira|confluence|atlassian)[\w.-]{0,12}(?:api[_-]?)?token", r"[A-Za-z0-9]{24}") + r"\b",
  "{A62:24}", ctx="JIRA_API_TOKEN", ent=3.8)
S("linear-api-key", "Linear API key", ["lin_api_"],
  r"\b(lin_api_[A-Za-z0-9]{40})\b", "lin_api_{A62:40}", ent=4.0)
S("linear-oauth-token", "Linear OAuth token", ["lin_oauth_"],
  r"\b(lin_oauth_[a-f0-9]{64})\b", "lin_oauth_{HEX:64}", ent=3.5)
S("notion-token", "Notion integration token", ["ntn_", "secret_"],
  r"\b((?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43}))\b", "ntn_{DIG:11}{A62:35}", ent=4.0)
S("okta-api-token", "Okta API token", ["okta"],
  C(r"okta[\w.-]{0,12}(?:api[_-]?)?token", r"00[A-Za-z0-9_-]{40}") + r"(?:[^A-Za-z0-9_-]|$)",
  "00{B64U:40}", ctx="OKTA_API_TOKEN", ent=4.0)
S("auth0-client-secret", "Auth0 client secret", ["auth0"],
  C(r"auth0[\w.-]{0,12}(?:client[_-]?)?secret", r"[A-Za-z0-9_-]{64}") + r"(?:[^A-Za-z0-9_-]|$)",
  "{B64U:64}", ctx="AUTH0_CLIENT_SECRET", ent=4.3)
S("vault-service-token", "HashiCorp Vault service token", ["hvs."],
  r"\b(hvs\.[A-Za-z0-9_-]{90,120})(?:[^A-Za-z0-9_-]|$)", "hvs.CAESI{B64U:90}", ent=4.5)
S("vault-batch-token", "HashiCorp Vault batch token", ["hvb."],
  r"\b(hvb\.[A-Za-z0-9_-]{138,300})(?:[^A-Za-z0-9_-]|$)", "hvb.AAAAAQ{B64U:150}", ent=4.5)
S("vault-token-legacy", "HashiCorp Vault token (legacy s.)", ["vault"],
  C(r"vault[\w.-]{0,8}token", r"s\.[A-Za-z0-9]{24}") + r"\b", "s.{A62:24}", ctx="VAULT_TOKEN", ent=3.8)
S("doppler-token", "Doppler token", ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
  r"\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b", "dp.pt.{A62:43}", ent=4.3)
S("grafana-api-key", "Grafana API key", ["eyjrijoi"],
  r"\b(eyJrIjoi[A-Za-z0-9]{70,400}={0,2})", "eyJrIjoi{A62:80}", ent=4.3)
S("grafana-cloud-token", "Grafana Cloud access policy token", ["glc_"],
  r"\b(glc_[A-Za-z0-9+/]{32,400}={0,2})", "glc_{A62:80}", ent=4.3)
S("grafana-service-account-token", "Grafana service account token", ["glsa_"],
  r"\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b", "glsa_{A62:32}_{HEX:8}", ent=4.0)
S("dynatrace-token", "Dynatrace API token", ["dt0c01."],
  r"\b(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b", "dt0c01.{UP:24}.{UP:64}", ent=4.0)
S("honeycomb-api-key", "Honeycomb API key", ["honeycomb"],
  C(r"honeycomb[\w.-]{0,12}(?:api[_-]?)?key", r"[A-Za-z0-9]{22}|hc[a-z]{2}_[A-Za-z0-9]{58}") + r"\b",
  "{A62:22}", ctx="HONEYCOMB_API_KEY", ent=3.8)
S("rollbar-token", "Rollbar access token", ["rollbar"],
  C(r"rollbar[\w.-]{0,12}(?:access[_-]?)?token", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="ROLLBAR_ACCESS_TOKEN", ent=3.3)
S("bugsnag-api-key", "Bugsnag API key", ["bugsnag"],
  C(r"bugsnag[\w.-]{0,12}(?:api[_-]?)?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="BUGSNAG_API_KEY", ent=3.3)
S("pagerduty-token", "PagerDuty API token", ["pagerduty"],
  C(r"pagerduty[\w.-]{0,12}(?:api[_-]?)?(?:token|key)", r"u\+[A-Za-z0-9_+-]{18}|[A-Za-z0-9_+-]{20}") + r"(?:[^A-Za-z0-9_+-]|$)",
  "u+{B64U:18}", ctx="PAGERDUTY_TOKEN", ent=3.8)
S("sumologic-access-key", "Sumo Logic access key", ["sumo"],
  C(r"sumo(?:logic)?[\w.-]{0,12}access[_-]?key", r"[A-Za-z0-9]{64}") + r"\b", "{A62:64}", ctx="SUMO_ACCESS_KEY", ent=4.5)
S("splunk-hec-token", "Splunk HTTP event collector token", ["splunk"],
  C(r"splunk[\w.-]{0,12}(?:hec[_-]?)?token", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") + r"\b",
  "{uuid}", ctx="SPLUNK_HEC_TOKEN", ent=3.0)
S("postman-api-key", "Postman API key", ["pmak-"],
  r"\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b", "PMAK-{HEX:24}-{HEX:34}", ent=3.5)
S("airtable-pat", "Airtable personal access token", ["airtable"],
  C(r"airtable[\w.-]{0,12}(?:api[_-]?key|token|pat)", r"pat[A-Za-z0-9]{14}\.[a-f0-9]{64}") + r"\b", "pat{A62:14}.{HEX:64}", ctx="AIRTABLE_TOKEN", ent=4.0)
S("asana-pat", "Asana personal access token", ["asana"],
  C(r"asana[\w.-]{0,12}(?:access[_-]?)?token", r"\d/\d{13,16}(?::|/)[a-f0-9]{32}") + r"\b",
  "1/{DIG:16}:{HEX:32}", ctx="ASANA_ACCESS_TOKEN", ent=3.5)
S("figma-pat", "Figma personal access token", ["figd_"],
  r"\b(figd_[A-Za-z0-9_-]{40})(?:[^A-Za-z0-9_-]|$)", "figd_{B64U:40}", ent=4.3)
S("clickup-token", "ClickUp personal API token", ["pk_"],
  r"\b(pk_\d{6,9}_[A-Z0-9]{32})\b", "pk_{DIG:8}_{UP:32}", ent=4.0)
S("hubspot-token", "HubSpot private app token", ["pat-na1-", "pat-eu1-"],
  r"\b(pat-(?:na|eu)1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b", "pat-na1-{uuid}", ent=3.3)
S("mapbox-secret-token", "Mapbox secret access token", ["sk.eyj"],
  r"\b(sk\.eyJ[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{20,})", "sk.eyJ{B64U:60}.{B64U:22}", ent=4.5)
S("dropbox-token", "Dropbox short-lived access token", ["sl."],
  r"\b(sl\.[A-Za-z0-9_-]{130,160})(?:[^A-Za-z0-9_-]|$)", "sl.B{B64U:135}", ent=4.5)
S("algolia-admin-key", "Algolia admin API key", ["algolia"],
  C(r"algolia[\w.-]{0,12}(?:admin[_-]?)?(?:api[_-]?)?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="ALGOLIA_ADMIN_KEY", ent=3.3)
S("contentful-token", "Contentful management token", ["cfpat-"],
  r"\b(CFPAT-[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)", "CFPAT-{B64U:43}", ent=4.3)
S("launchdarkly-key", "LaunchDarkly API access token", ["api-"],
  r"\b(api-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b", "api-{uuid}", conf="medium", ent=3.3, exact=True)
S("posthog-personal-key", "PostHog personal API key", ["phx_"],
  r"\b(phx_[A-Za-z0-9]{43})\b", "phx_{A62:43}", ent=4.3)
S("segment-write-key", "Segment public API token", ["sgp_", "segment"],
  C(r"segment[\w.-]{0,12}(?:write[_-]?key|token)", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="SEGMENT_WRITE_KEY", ent=3.8)
S("typeform-token", "Typeform personal access token", ["tfp_"],
  r"\b(tfp_[A-Za-z0-9_.=-]{59})", "tfp_{B64U:59}", ent=4.3)
S("readme-api-key", "ReadMe API key", ["rdme_"],
  r"\b(rdme_[a-z0-9]{70})\b", "rdme_{LOW:70}", ent=4.3)
S("prefect-api-key", "Prefect API key", ["pnu_"],
  r"\b(pnu_[A-Za-z0-9]{36})\b", "pnu_{A62:36}", ent=4.0)
S("frameio-token", "Frame.io API token", ["fio-u-"],
  r"\b(fio-u-[A-Za-z0-9_=-]{64})", "fio-u-{B64U:64}", ent=4.3)
S("infracost-api-key", "Infracost API key", ["ico-"],
  r"\b(ico-[A-Za-z0-9]{32})\b", "ico-{A62:32}", ent=4.0)
S("tailscale-key", "Tailscale API or auth key", ["tskey-"],
  r"\b(tskey-(?:api|auth|client|webhook|scim)-[A-Za-z0-9]{10,20}-[A-Za-z0-9]{20,40})\b", "tskey-auth-k{A62:11}-{A62:32}", ent=4.0)
S("ngrok-token", "ngrok auth token", ["ngrok"],
  C(r"ngrok[\w.-]{0,12}(?:auth[_-]?)?token", r"[0-9][A-Za-z0-9]{26}_[A-Za-z0-9]{21}") + r"\b",
  "2{A62:26}_{A62:21}", ctx="NGROK_AUTHTOKEN", ent=4.0)
S("age-secret-key", "age encryption secret key", ["age-secret-key-1"],
  r"\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b", "AGE-SECRET-KEY-1{BECH:58}", ent=4.0)
S("onepassword-secret-key", "1Password account secret key", ["a3-"],
  r"\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b",
  "A3-{UP:6}-{UP:11}-{UP:5}-{UP:5}-{UP:5}", ent=4.0)
S("onepassword-service-token", "1Password service account token", ["ops_eyj"],
  r"\b(ops_eyJ[A-Za-z0-9+/=_-]{250,})", "ops_eyJ{B64:260}", ent=4.5)
S("snowflake-password", "Snowflake password", ["snowflake"],
  C(r"snowflake[\w.-]{0,12}password", r"[^\s'\"`;,]{12,64}"), "{A62:8}!{A62:8}", ctx="SNOWFLAKE_PASSWORD", ent=3.5, generic=True)
S("confluent-api-secret", "Confluent Cloud API secret", ["confluent"],
  C(r"confluent[\w.-]{0,12}(?:api[_-]?)?secret", r"[A-Za-z0-9+/]{64}") + r"(?:[^A-Za-z0-9+/=]|$)",
  "{B64:64}", ctx="CONFLUENT_API_SECRET", ent=4.5)
S("cloudinary-url", "Cloudinary URL with API secret", ["cloudinary://"],
  r"\b(cloudinary://\d{10,20}:[A-Za-z0-9_-]{20,40}@[a-z0-9_-]+)", "cloudinary://{DIG:15}:{B64U:27}@acme",
  ent=3.8)
S("browserstack-access-key", "BrowserStack access key", ["browserstack"],
  C(r"browserstack[\w.-]{0,12}(?:access[_-]?)?key", r"[A-Za-z0-9]{20}") + r"\b", "{A62:20}", ctx="BROWSERSTACK_ACCESS_KEY", ent=3.8)
S("saucelabs-access-key", "Sauce Labs access key", ["sauce"],
  C(r"sauce[\w.-]{0,12}(?:access[_-]?)?key", r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") + r"\b",
  "{uuid}", ctx="SAUCE_ACCESS_KEY", ent=3.0)
S("fastly-api-token", "Fastly API token", ["fastly"],
  C(r"fastly[\w.-]{0,12}(?:api[_-]?)?(?:token|key)", r"[A-Za-z0-9_-]{32}") + r"(?:[^A-Za-z0-9_-]|$)",
  "{B64U:32}", ctx="FASTLY_API_TOKEN", ent=4.0)
S("infura-secret", "Infura project secret", ["infura"],
  C(r"infura[\w.-]{0,12}(?:project[_-]?)?secret", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="INFURA_PROJECT_SECRET", ent=3.3)
S("etherscan-api-key", "Etherscan API key", ["etherscan"],
  C(r"etherscan[\w.-]{0,8}api[_-]?key", r"[A-Z0-9]{34}") + r"\b", "{UP:34}", ctx="ETHERSCAN_API_KEY", ent=4.0)
S("ethereum-private-key", "Ethereum / EVM private key", ["private_key", "privatekey", "private-key", "mnemonic"],
  C(r"(?:eth|wallet|deployer|evm)[\w.-]{0,12}private[_-]?key", r"(?:0x)?[a-f0-9]{64}") + r"\b",
  "0x{HEX:64}", ctx="DEPLOYER_PRIVATE_KEY", ent=3.5)
S("trello-token", "Trello API token", ["trello"],
  C(r"trello[\w.-]{0,8}(?:api[_-]?)?token", r"ATTA[a-f0-9]{64}[A-F0-9]{8}|[a-f0-9]{64}") + r"\b",
  "ATTA{HEX:64}{HEXU:8}", ctx="TRELLO_TOKEN", ent=3.5)
S("box-client-secret", "Box client secret", ["box_"],
  C(r"box[_-]client[_-]?secret", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="BOX_CLIENT_SECRET", ent=3.8)
S("bitly-token", "Bitly access token", ["bitly"],
  C(r"bitly[\w.-]{0,12}(?:access[_-]?)?token", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="BITLY_ACCESS_TOKEN", ent=3.3)
S("amplitude-secret", "Amplitude secret key", ["amplitude"],
  C(r"amplitude[\w.-]{0,12}secret[_-]?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="AMPLITUDE_SECRET_KEY", ent=3.3)

# ---------------------------------------------------------------- private keys
family("private-keys")
PEM_TPL = "-----BEGIN {label}-----\n{body}\n-----END {label}-----"


def pem(label, inner=None, nbytes=600):
    raw = bytes(rng.getrandbits(8) for _ in range(nbytes))
    if inner:
        raw = inner + raw
    b = base64.b64encode(raw).decode()
    body = "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
    return PEM_TPL.format(label=label, body=body)


for rid, label, desc, inner in [
    ("private-key-rsa", "RSA PRIVATE KEY", "RSA private key (PKCS#1 PEM)", b"\x30\x82\x04\xa4\x02\x01\x00"),
    ("private-key-ec", "EC PRIVATE KEY", "EC private key (SEC1 PEM)", b"\x30\x77\x02\x01\x01\x04\x20"),
    ("private-key-dsa", "DSA PRIVATE KEY", "DSA private key (PEM)", b"\x30\x82\x01\xbb\x02\x01\x00"),
    ("private-key-openssh", "OPENSSH PRIVATE KEY", "OpenSSH private key", b"openssh-key-v1\x00"),
    ("private-key-pkcs8", "PRIVATE KEY", "PKCS#8 private key (PEM)", b"\x30\x82\x04\xbd\x02\x01\x00"),
    ("private-key-pkcs8-encrypted", "ENCRYPTED PRIVATE KEY", "Encrypted PKCS#8 private key (PEM)", b"\x30\x82\x05\x0e"),
    ("private-key-pgp", "PGP PRIVATE KEY BLOCK", "PGP private key block", b"\x95\x03\xc6\x04"),
    ("private-key-ssh2-encrypted", "SSH2 ENCRYPTED PRIVATE KEY", "SSH2 (ssh.com) encrypted private key", b"\x3f\x6f\xf9\xeb"),
]:
    lab = re.escape(label).replace("\\ ", " ")
    tok = pem(label, inner)
    S(rid, desc, [f"begin {label.lower()}"],
      rf"(-----BEGIN {lab}-----[\s\S]{{64,}}?-----END {lab}-----)", tok, validator="pem", span="block",
      ent=4.0, ph=PEM_TPL.format(label=label, body="x" * 64 + "\n" + "x" * 20))

# ---------------------------------------------------------------- JWT
family("formats")
hdr = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
payload_json = json.dumps({"sub": rand("DIG", 10), "name": "ci-deployer", "iat": 1763900000}).encode()
pl = base64.urlsafe_b64encode(payload_json).decode().rstrip("=")
JWT = f"{hdr}.{pl}.{{B64U:43}}"
S("jwt", "JSON Web Token", ["eyj"],
  r"\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,})(?:[^A-Za-z0-9_.-]|$)", JWT,
  validator="jwt", conf="medium", ent=4.0,
  neg=["hdr = 'eyJub3RfanNvbiI6.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlc2lnbmF0dXJlYWJjZA'"])

# ---------------------------------------------------------------- URIs with passwords
family("databases")
for scheme_id, scheme_re, scheme, port in [
    ("postgres", r"postgres(?:ql)?(?:\+\w+)?", "postgresql", 5432),
    ("mysql", r"mysql(?:\+\w+)?|mariadb", "mysql", 3306),
    ("mongodb", r"mongodb(?:\+srv)?", "mongodb+srv", 27017),
    ("redis", r"rediss?", "rediss", 6380),
    ("amqp", r"amqps?", "amqps", 5671),
    ("mssql", r"mssql|sqlserver", "mssql", 1433),
    ("ldap", r"ldaps?", "ldaps", 636),
    ("ftp", r"s?ftp", "ftp", 21),
    ("smtp", r"smtps?", "smtps", 465),
]:
    S(f"uri-{scheme_id}-password", f"{scheme_id} connection URI with an embedded password",
      {"postgres": ["postgres"], "mysql": ["mysql", "mariadb"], "mongodb": ["mongodb"], "redis": ["redis"],
       "amqp": ["amqp"], "mssql": ["mssql", "sqlserver"], "ldap": ["ldap"], "ftp": ["ftp"],
       "smtp": ["smtp"]}[scheme_id],
      rf"\b((?:{scheme_re})://[^\s:@/'\"`]{{0,64}}:[^\s:@/'\"`$<>{{}}]{{6,128}}@[^\s'\"`;,)]+)",
      f"{scheme}://app_user:{{A62:20}}@db.internal.corp:{port}/prod", conf="medium", ent=3.0)
# keywords for mysql+driver etc: patterns above need the plain scheme prefix, so fix keywords below

S("uri-http-basic-auth", "HTTP(S) URL with embedded credentials", ["http://", "https://"],
  r"\b(https?://[A-Za-z0-9._%-]{1,64}:[^\s:@/'\"`$<>{}]{8,128}@[A-Za-z0-9.-]+)", "https://deploy:{A62:24}@git.internal.corp/repo.git",
  conf="low", ent=3.5)

# ---------------------------------------------------------------- generic assignments
family("generic")
GEN_VAL = r"[A-Za-z0-9_\-+/=!@#%^&*.~:?|]"
GEN_END = r"(?:['\"`;,\s)\]}]|$)"
S("generic-password", "Hard-coded password assignment", ["passw", "pwd"],
  r"(?i:\b\w*(?:passwd|password|passwort|pwd))[\w.-]{0,12}['\"]?\s{0,4}(?:=|:=|=>|:)\s{0,4}['\"`]?(" + GEN_VAL + r"{10,128})" + GEN_END,
  "{A62:10}!{A62:6}", ctx="DB_PASSWORD", conf="medium", ent=3.5, generic=True)
S("generic-secret", "Hard-coded secret assignment", ["secret"],
  r"(?i:\b\w*secret(?:_?key)?)[\w.-]{0,12}['\"]?\s{0,4}(?:=|:=|=>|:)\s{0,4}['\"`]?(" + GEN_VAL + r"{16,256})" + GEN_END,
  "{A62:32}", ctx="CLIENT_SECRET", conf="low", ent=3.8, generic=True,
  neg=["let traffic_secret_expander = TLS13_CHACHA20_POLY1305_SHA256_INTERNAL",
       "client_secret = Settings::OAuth2::ClientSecretV2;"])
# Pagination, idempotency and concurrency tokens (`NextToken`, `nextPageToken`, `ClientToken`,
# `PolicyUpdateToken`) are opaque cursors an API hands out, not credentials. Amazon SES's
# `VerificationToken` (written so, as the API names it) is the value of the DNS TXT record that
# proves a domain's ownership: published by design. (Slack's `verification_token` and
# `verificationToken`, a shared secret, stay reported.) The scanner judges a generic assignment's
# `unless` on its own name, not on its whole line.
NOT_CREDENTIAL_TOKENS = (r"(?i)(?:next\w*|page|continuation|pagination|cursor|idempotency|client(?:request)?"
                         r"|change|lock|update)[ _-]?token\b|(?-i:\bVerificationToken\b)")
S("generic-token", "Hard-coded token assignment", ["token"],
  r"(?i:\b\w*token)[\w.-]{0,12}['\"]?\s{0,4}(?:=|:=|=>|:)\s{0,4}['\"`]?(" + GEN_VAL + r"{16,256})" + GEN_END,
  "{A62:32}", ctx="AUTH_TOKEN", conf="low", ent=3.8, generic=True, unless=NOT_CREDENTIAL_TOKENS,
  neg=['"NextToken": "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="',
       '"nextPageToken": "AAAAKgAAAAEAAAAAAAAAA1Gp1BelJq+PmHvAnDxJYbup8+0R4LVtbXLDl7QNY7C3"',
       'self.update_token = "1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"',
       'token: windows_sys::Win32::Foundation::HANDLE,',
       'Next page token: eav1OzQB0OM8rLdGXOEsyQWSG',
       '"VerificationToken": "QkJ6sTRbdmX0cA9vN3pZyw8LfH2uGe5KiOrUtYl1jEa="'])
S("generic-api-key", "Hard-coded API key assignment", ["api_key", "apikey", "api-key", "access_key", "accesskey", "auth_key", "private_key"],
  r"(?i:\b\w*(?:api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key))[\w.-]{0,12}['\"]?\s{0,4}(?:=|:=|=>|:)\s{0,4}['\"`]?(" + GEN_VAL + r"{16,256})" + GEN_END,
  "{A62:32}", ctx="API_KEY", conf="low", ent=3.8, generic=True,
  neg=["private_key_ops: &p256::PRIVATE_KEY_OPS,", "api_key => ApiKeyKind::Restricted2", "API_KEY = aws_sdk_v2_api_key_field",
       "self, private_key: ed25519.Ed25519PrivateKey, f_priv: _FragList"])


# ---------------------------------------------------------------- helpers for structured tokens
# Tokens whose format carries a checksum or a structure are built here, so the examples pass the
# same validators real tokens pass.
PH_MARKERS = ["xxxx", "****", "....", "example", "placeholder", "your_", "your-", "yourkey", "your key",
              "<", ">", "${", "{{", "%(", "changeme", "change_me", "redacted", "dummy", "insert_",
              "replace_me", "replaceme", "todo"]


LONG_PH_MARKERS = ["xxxxxxxxxxxxxxxx", "<", ">", "${", "{{", "....", "****", "example", "placeholder",
                   "changeme", "redacted"]


def clean(tok):
    """Whether the scanner's placeholder filter (validate.rs) lets the token through."""
    low = tok.lower()
    markers = LONG_PH_MARKERS if len(tok) > 100 else PH_MARKERS + ["test", "fake", "sample", "mock"]
    return not any(m in low for m in markers)


def randbytes(n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def b64(data):
    return base64.b64encode(data).decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def varint(n):
    out = b""
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out += bytes([byte | 0x80])
        else:
            return out + bytes([byte])


def macaroon(location, identifier, caveats):
    def field(kind, data):
        return bytes([kind]) + varint(len(data)) + data
    out = b"\x02" + field(1, location) + field(2, identifier) + b"\x00"
    for caveat in caveats:
        out += field(2, caveat) + b"\x00"
    return out + b"\x00" + field(6, randbytes(32))


def until_clean(make):
    while True:
        tok = make()
        if clean(tok):
            return tok


def pypi_token():
    ident = ('{"nonce": "%s", "version": 1}' % rand("HEX", 32)).encode()
    caveats = [b'{"permissions": "user", "version": 1}', ('[0,"%s"]' % uuid()).encode()]
    return until_clean(lambda: "pypi-" + b64url(macaroon(b"pypi.org", ident, caveats)))


def lnd_macaroon():
    ident = b"\x00\x00" + randbytes(46)
    caveats = []
    return until_clean(lambda: macaroon(b"lnd", ident, caveats).hex())


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32_encode(hrp, data):
    def polymod(values):
        gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
        chk = 1
        for v in values:
            top = chk >> 25
            chk = (chk & 0x1ffffff) << 5 ^ v
            for i in range(5):
                chk ^= gen[i] if ((top >> i) & 1) else 0
        return chk
    acc, bits, five = 0, 0, []
    for b in data:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            five.append((acc >> bits) & 31)
    if bits:
        five.append((acc << (5 - bits)) & 31)
    expand = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = polymod(expand + five + [0] * 6) ^ 1
    check = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in five + check)


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58(data):
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def base58check(payload):
    import hashlib
    check = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return base58(payload + check)


def wif():
    return until_clean(lambda: base58check(b"\x80" + randbytes(32) + b"\x01"))


def xprv():
    return until_clean(lambda: base58check(bytes.fromhex("0488ade4") + b"\x03" + randbytes(4) + randbytes(4)
                                           + randbytes(32) + b"\x00" + randbytes(32)))


BIP39 = open("src/bip39-english.txt").read().split()
BIP39_INDEX = {w: i for i, w in enumerate(BIP39)}


def mnemonic(nbytes):
    import hashlib
    def make():
        ent = randbytes(nbytes)
        bits = "".join(f"{b:08b}" for b in ent)
        h = hashlib.sha256(ent).digest()
        bits += "".join(f"{b:08b}" for b in h)[: nbytes * 8 // 32]
        return " ".join(BIP39[int(bits[i:i + 11], 2)] for i in range(0, len(bits), 11))
    return until_clean(make)


def der_len(n):
    if n < 0x80:
        return bytes([n])
    if n < 0x100:
        return b"\x81" + bytes([n])
    return b"\x82" + n.to_bytes(2, "big")


def der_seq(content):
    return b"\x30" + der_len(len(content)) + content


def pkcs8_rsa_der():
    inner = b"\x02\x01\x00" + der_seq(bytes.fromhex("02820101") + b"\x00" + randbytes(256)) + randbytes(900)
    octets = b"\x04" + der_len(len(inner)) + inner
    return der_seq(b"\x02\x01\x00" + bytes.fromhex("300d06092a864886f70d0101010500") + octets)


def pkcs1_rsa_der():
    return der_seq(b"\x02\x01\x00" + bytes.fromhex("02820101") + b"\x00" + randbytes(256) + randbytes(900))


def sec1_ec_der():
    return der_seq(b"\x02\x01\x01\x04\x20" + randbytes(32) + bytes.fromhex("a00a06082a8648ce3d030107a144034200")
                   + b"\x04" + randbytes(64))


def ed25519_pkcs8_der():
    return der_seq(bytes.fromhex("020100300506032b657004220420") + randbytes(32))


def pem_block(label, raw, headers=""):
    b = b64(raw)
    body = "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
    return f"-----BEGIN {label}-----\n{headers}{body}\n-----END {label}-----"


def ssh_string(data):
    return len(data).to_bytes(4, "big") + data


def openssh_key(encrypted):
    cipher, kdf = (b"aes256-ctr", b"bcrypt") if encrypted else (b"none", b"none")
    kdfopts = ssh_string(randbytes(16)) + (16).to_bytes(4, "big") if encrypted else b""
    pub = ssh_string(b"ssh-ed25519") + ssh_string(randbytes(32))
    raw = (b"openssh-key-v1\0" + ssh_string(cipher) + ssh_string(kdf) + ssh_string(kdfopts)
           + (1).to_bytes(4, "big") + ssh_string(pub) + ssh_string(randbytes(144)))
    return pem_block("OPENSSH PRIVATE KEY", raw)


def json_b64(obj, url=False):
    data = json.dumps(obj, separators=(",", ":")).encode()
    return b64url(data) if url else b64(data)


def grafana_sa():
    secret = rand("A62", 32)
    key = "glsa_" + secret
    return key + "_" + (zlib.crc32(key.encode()) & 0xFFFFFFFF).to_bytes(4, "little").hex()


def jwt_token(claims):
    h = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    return f"{h}.{b64url(json.dumps(claims, separators=(',', ':')).encode())}.{rand('B64U', 43)}"


def putty(encrypted):
    lines = [b64(randbytes(48))[i:i + 64] for i in range(0, 64, 64)]
    priv = b64(randbytes(48))
    enc = "aes256-cbc" if encrypted else "none"
    return (f"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: {enc}\nComment: deploy@build\n"
            f"Public-Lines: 2\n{b64(randbytes(48))}\n{b64(randbytes(3))}\n"
            f"Private-Lines: 1\n{priv}\nPrivate-MAC: {rand('HEX', 64)}")


EDITS = {}


def edit(id, **changes):
    """Change an existing rule in place (keeping its position, hence its priority)."""
    EDITS[id] = changes


def place_before(id, anchor):
    """Move rule `id` just before `anchor` (it must win overlaps against it)."""
    EDITS.setdefault("__moves__", []).append((id, anchor))

# ================================================================ issue 16: breadth
# New rules and changes to the ones above, by family. Formats are the providers' published
# ones (prefixes, lengths, charsets, checksums); a rule needs a variable name nearby (`C(...)`)
# only where the token itself has no distinctive shape.
UUID_RE = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
B58_RE = r"[1-9A-HJ-NP-Za-km-z]"
END_B64U = r"(?:[^A-Za-z0-9_-]|$)"
END_B64 = r"(?:[^A-Za-z0-9+/=]|$)"

# ---------------------------------------------------------------- cloud (new)
family("cloud")
S("alibaba-access-key-secret", "Alibaba Cloud AccessKey secret", ["alibaba", "aliyun", "access_key_secret", "accesskeysecret"],
  C(r"(?:alibaba|aliyun)[\w.-]{0,20}(?:access[_-]?key[_-]?)?secret|access_?key_?secret", r"[A-Za-z0-9]{30}") + r"\b",
  "{A62:30}", ctx="ALIBABA_CLOUD_ACCESS_KEY_SECRET", ent=4.0)
S("tencent-secret-key", "Tencent Cloud SecretKey", ["tencent", "qcloud"],
  C(r"(?:tencent|qcloud)[\w.-]{0,20}secret[_-]?key", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}",
  ctx="TENCENTCLOUD_SECRET_KEY", ent=4.0)
S("huawei-cloud-secret-key", "Huawei Cloud secret access key", ["huawei", "hwcloud"],
  C(r"(?:huawei|hwcloud)[\w.-]{0,20}(?:secret[_-]?(?:access[_-]?)?key|sk)", r"[A-Za-z0-9]{40}") + r"\b", "{A62:40}",
  ctx="HUAWEICLOUD_SDK_SK", ent=4.0)
S("ibm-cos-hmac-secret", "IBM Cloud Object Storage HMAC secret access key", ["secret_access_key"],
  C(r"secret_access_key", r"[a-f0-9]{48}") + r"\b", "{HEX:48}", ctx="secret_access_key", ent=3.5)
S("digitalocean-oauth-token", "DigitalOcean OAuth access token", ["doo_v1_"],
  r"\b(doo_v1_[a-f0-9]{64})\b", "doo_v1_{HEX:64}", ent=3.5)
S("digitalocean-refresh-token", "DigitalOcean OAuth refresh token", ["dor_v1_"],
  r"\b(dor_v1_[a-f0-9]{64})\b", "dor_v1_{HEX:64}", ent=3.5)
S("digitalocean-spaces-secret", "DigitalOcean Spaces secret key", ["spaces_secret", "spaces-secret", "spacessecret"],
  C(r"(?:do_)?spaces[\w.-]{0,12}secret(?:[_-]?(?:access[_-]?)?key)?", r"[A-Za-z0-9+/]{43}") + END_B64,
  "{B64:43}", ctx="SPACES_SECRET_KEY", ent=4.3)
S("vultr-api-key", "Vultr API key", ["vultr"],
  C(r"vultr[\w.-]{0,12}(?:api[_-]?)?(?:key|token)", r"[A-Z0-9]{36}") + r"\b", "{UP:36}", ctx="VULTR_API_KEY", ent=4.0)
S("hetzner-cloud-token", "Hetzner Cloud API token", ["hcloud", "hetzner"],
  C(r"(?:hcloud|hetzner)[\w.-]{0,12}(?:api[_-]?)?token", r"[A-Za-z0-9]{64}") + r"\b", "{A62:64}",
  ctx="HCLOUD_TOKEN", ent=4.5)
S("scaleway-access-key", "Scaleway access key id", ["SCW"],
  r"\b(SCW[A-Z0-9]{17})\b", "SCW{UP:17}", conf="medium", ent=3.3, exact=True)
S("scaleway-secret-key", "Scaleway secret key", ["scw_secret", "scw-secret", "scaleway"],
  C(r"(?:scw|scaleway)[\w.-]{0,12}secret[_-]?key", UUID_RE) + r"\b", "{uuid}", ctx="SCW_SECRET_KEY", ent=3.0)
S("ovh-application-secret", "OVHcloud API application secret", ["ovh"],
  C(r"ovh[\w.-]{0,12}app(?:lication)?[_-]?secret", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}",
  ctx="OVH_APPLICATION_SECRET", ent=4.0)
S("ovh-consumer-key", "OVHcloud API consumer key", ["ovh"],
  C(r"ovh[\w.-]{0,12}consumer[_-]?key", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="OVH_CONSUMER_KEY", ent=4.0)
S("cloudflare-global-api-key", "Cloudflare global API key", ["cloudflare", "cf_api_key", "x-auth-key"],
  C(r"(?:cloudflare|cf)[\w.-]{0,12}(?:global[_-]?)?api[_-]?key|x-auth-key", r"[a-f0-9]{37}") + r"\b", "{HEX:37}",
  ctx="CLOUDFLARE_API_KEY", ent=3.5)
S("akamai-client-token", "Akamai EdgeGrid client or access token", ["akab-"],
  r"\b(akab-[a-z0-9]{16}-[a-z0-9]{16})(?:[^a-z0-9.-]|$)", "akab-{LOW:16}-{LOW:16}", conf="medium", ent=3.5,
  neg=["host = akab-{0}-{1}.luna.akamaiapis.net".format(rand("LOW", 16), rand("LOW", 16))])
S("akamai-client-secret", "Akamai EdgeGrid client secret (.edgerc)", ["client_secret"],
  C(r"client_secret", r"[A-Za-z0-9+/]{43}=") + END_B64, "{B64:43}=", ctx="client_secret", conf="medium", ent=4.3)
S("deno-deploy-token", "Deno Deploy access token", ["ddp_"],
  r"\b(ddp_[A-Za-z0-9]{36})\b", "ddp_{A62:36}", ent=4.0)
S("firebase-database-secret", "Firebase Realtime Database secret (legacy)", ["firebase"],
  C(r"firebase[\w.-]{0,16}(?:database[_-]?)?secret", r"[A-Za-z0-9]{40}") + r"\b", "{A62:40}",
  ctx="FIREBASE_DATABASE_SECRET", ent=4.0)
S("aws-bedrock-short-term-key", "Amazon Bedrock short-term API key", ["bedrock-api-key-"],
  r"\b(bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=_%-]{100,})", "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t{B64:300}",
  ent=4.5)
S("azure-apim-subscription-key", "Azure API Management / Cognitive Services subscription key", ["ocp-apim-subscription-key"],
  C(r"ocp-apim-subscription-key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="Ocp-Apim-Subscription-Key", ent=3.3)
S("azure-app-configuration-connection-string", "Azure App Configuration connection string", [".azconfig.io"],
  r"(Endpoint=https://[A-Za-z0-9-]+\.azconfig\.io;Id=[A-Za-z0-9:+/=_-]{4,};Secret=[A-Za-z0-9+/]{40,}={0,2})",
  "Endpoint=https://prod-config.azconfig.io;Id={A62:4}-l0-s0:{A62:20};Secret={B64:43}=", ent=4.0)
S("azure-communication-connection-string", "Azure Communication Services connection string", ["communication.azure.com"],
  r"(endpoint=https://[A-Za-z0-9-]+\.communication\.azure\.com/;accesskey=[A-Za-z0-9+/]{40,}={0,2})",
  "endpoint=https://prod-acs.communication.azure.com/;accesskey={B64:86}==", ent=4.0)
S("backblaze-b2-application-key", "Backblaze B2 application key", ["K00"],
  r"(?:^|[^A-Za-z0-9+/])(K00[0-9][A-Za-z0-9+/]{27})" + END_B64, "K00{DIG:1}{B64:27}", conf="medium", ent=4.0, exact=True)
S("fly-io-macaroon-token", "Fly.io macaroon token (FlyV1 fm1/fm2)", ["fm1_", "fm1a_", "fm1r_", "fm2_"],
  r"\b(fm[12][ar]?_[A-Za-z0-9+/=_-]{100,})", "fm2_{B64:140}", ent=4.5)

# ---------------------------------------------------------------- vcs (new)
family("vcs")
S("github-pat-legacy", "GitHub token in the old 40-hex format", ["github"],
  C(r"github[\w.-]{0,12}(?:token|pat)", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="GITHUB_TOKEN", conf="medium", ent=3.3)
S("gitlab-session-cookie", "GitLab session cookie", ["_gitlab_session"],
  C(r"_gitlab_session", r"[0-9a-f]{32}") + r"\b", "{HEX:32}", ctx="_gitlab_session", ent=3.3,
  pos=["Cookie: _gitlab_session=@@TOK@@"])
S("bitbucket-access-token", "Bitbucket repository, project or workspace access token", ["ATCTT3"],
  r"\b(ATCTT3[A-Za-z0-9_=-]{150,250})(?:[^A-Za-z0-9_=-]|$)", "ATCTT3xFfGN0{B64U:180}", ent=4.5, exact=True)
S("gitea-access-token", "Gitea / Forgejo / Codeberg access token", ["gitea", "forgejo", "codeberg"],
  C(r"(?:gitea|forgejo|codeberg)[\w.-]{0,12}(?:access[_-]?)?token", r"[a-f0-9]{40}") + r"\b", "{HEX:40}",
  ctx="GITEA_TOKEN", ent=3.3)

# ---------------------------------------------------------------- ci-cd (new)
family("ci-cd")
S("circleci-project-token", "CircleCI project API token", ["cciprj_"],
  r"\b(CCIPRJ_[A-Za-z0-9]{22}_[a-f0-9]{40})\b", "CCIPRJ_{A62:22}_{HEX:40}", ent=4.0)
S("buildkite-api-token", "Buildkite API access token", ["bkua_"],
  r"\b(bkua_[a-f0-9]{40})\b", "bkua_{HEX:40}", ent=3.3)
S("sonarqube-project-token", "SonarQube project analysis token", ["sqp_"],
  r"\b(sqp_[a-f0-9]{40})\b", "sqp_{HEX:40}", ent=3.3)
S("sonarqube-global-analysis-token", "SonarQube global analysis token", ["sqa_"],
  r"\b(sqa_[a-f0-9]{40})\b", "sqa_{HEX:40}", ent=3.3)
S("harness-service-account-token", "Harness service account token", ["sat."],
  r"\b(sat\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20})\b", "sat.{B64U:22}.{HEX:24}.{A62:20}", ent=4.0)
S("teamcity-access-token", "JetBrains TeamCity access token", ["eyJ0eXAiOiAiVENWMiJ9"],
  r"\b(eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{20,80}\.[A-Za-z0-9_-]{20,120})", "eyJ0eXAiOiAiVENWMiJ9.{B64U:36}.{B64U:48}",
  ent=4.0, exact=True)
S("coveralls-repo-token", "Coveralls repository token", ["coveralls"],
  C(r"coveralls[\w.-]{0,12}(?:repo[_-]?)?token", r"[A-Za-z0-9]{32,37}") + r"\b", "{A62:33}", ctx="COVERALLS_REPO_TOKEN", ent=4.0)
S("launchdarkly-sdk-key", "LaunchDarkly server-side SDK key", ["sdk-"],
  r"\b(sdk-" + UUID_RE + r")\b", "sdk-{uuid}", conf="medium", ent=3.3, exact=True)
S("dbt-cloud-service-token", "dbt Cloud service account token", ["dbtc_"],
  r"\b(dbtc_[A-Za-z0-9_-]{40,80})" + END_B64U, "dbtc_{B64U:52}", ent=4.3)
S("dbt-cloud-personal-token", "dbt Cloud personal access token", ["dbtu_"],
  r"\b(dbtu_[A-Za-z0-9_-]{40,80})" + END_B64U, "dbtu_{B64U:52}", ent=4.3)
S("cypress-record-key", "Cypress Cloud record key", ["cypress"],
  C(r"cypress[\w.-]{0,12}record[_-]?key", UUID_RE) + r"\b", "{uuid}", ctx="CYPRESS_RECORD_KEY", ent=3.0)
S("percy-token", "Percy (BrowserStack) project token", ["percy"],
  C(r"percy[\w.-]{0,12}token", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="PERCY_TOKEN", ent=3.5)
S("semgrep-app-token", "Semgrep AppSec Platform token", ["semgrep"],
  C(r"semgrep[\w.-]{0,12}(?:app[_-]?)?token", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="SEMGREP_APP_TOKEN", ent=3.5)

# ---------------------------------------------------------------- registries (new)
family("registries")
S("docker-hub-org-token", "Docker Hub organisation access token", ["dckr_oat_"],
  r"\b(dckr_oat_[A-Za-z0-9_-]{27,32})" + END_B64U, "dckr_oat_{B64U:27}", ent=4.0)
S("clojars-deploy-token", "Clojars deploy token", ["CLOJARS_"],
  r"\b(CLOJARS_[a-f0-9]{60})\b", "CLOJARS_{HEX:60}", ent=3.5, exact=True)
S("maven-settings-password", "Server password in a Maven settings.xml", ["<password>"],
  r"<password>['\"]?(?:\s{0,4}[=:]\s{0,4}['\"]?|\s*)([^\s<>'\"${}][^\s<>'\"$]{7,127})", "{A62:10}!{A62:6}",
  ctx="<password>", conf="medium", ent=3.5, generic=True,
  pos=["<server><id>central</id><username>deploy</username><password>@@TOK@@</password></server>"],
  neg=["<password>${env.MAVEN_PASSWORD}</password>", "<password>{COQLCE6DU6GtcS5P=}</password>"])
S("gradle-plugin-portal-secret", "Gradle Plugin Portal publishing secret", ["gradle.publish.secret"],
  C(r"gradle\.publish\.secret", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="gradle.publish.secret", ent=4.0)
S("cocoapods-trunk-token", "CocoaPods trunk session token", ["cocoapods"],
  C(r"cocoapods[\w.-]{0,12}token", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="COCOAPODS_TRUNK_TOKEN", ent=3.3)
S("cloudsmith-api-key", "Cloudsmith API key", ["cloudsmith"],
  C(r"cloudsmith[\w.-]{0,12}api[_-]?key", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="CLOUDSMITH_API_KEY", ent=3.3)
S("open-vsx-token", "Open VSX registry access token", ["ovsx"],
  C(r"ovsx[\w.-]{0,12}(?:pat|token)", UUID_RE) + r"\b", "{uuid}", ctx="OVSX_PAT", ent=3.0)
S("packagecloud-token", "packagecloud API token", ["packagecloud"],
  C(r"packagecloud[\w.-]{0,12}token", r"[a-f0-9]{48}") + r"\b", "{HEX:48}", ctx="PACKAGECLOUD_TOKEN", ent=3.5)

# ---------------------------------------------------------------- iac (new)
family("iac")
S("docker-swarm-join-token", "Docker Swarm join token", ["SWMTKN-1-"],
  r"\b(SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25})\b", "SWMTKN-1-{LOW:50}-{LOW:25}", ent=4.0, exact=True)
S("docker-swarm-unlock-key", "Docker Swarm unlock key", ["SWMKEY-1-"],
  r"\b(SWMKEY-1-[A-Za-z0-9+/]{43})", "SWMKEY-1-{B64:43}", ent=4.3, exact=True)
S("kubernetes-bootstrap-token", "Kubernetes (kubeadm) bootstrap token", ["bootstrap_token", "bootstrap-token", "bootstraptoken", "kubeadm"],
  r"(?i:bootstrap[_-]?token[\w.-]{0,24}|kubeadm[^\n]{0,200}?--token)['\"]?[\s=:]{1,6}['\"]?([a-z0-9]{6}\.[a-z0-9]{16})\b",
  "{LOW:6}.{LOW:16}", ctx="BOOTSTRAP_TOKEN", ent=3.3,
  pos=["kubeadm join 10.0.0.10:6443 --token @@TOK@@ --discovery-token-ca-cert-hash sha256:" + rand("HEX", 64)])
S("k3s-join-token", "K3s cluster join token", ["::server:"],
  r"\b(K10[a-f0-9]{64}::server:[A-Za-z0-9]{16,64})\b", "K10{HEX:64}::server:{HEX:32}", ent=3.5)
S("consul-acl-token", "HashiCorp Consul ACL token", ["consul"],
  C(r"consul[\w.-]{0,12}(?:http[_-]?|acl[_-]?)?token|x-consul-token", UUID_RE) + r"\b", "{uuid}", ctx="CONSUL_HTTP_TOKEN", ent=3.0)
S("nomad-token", "HashiCorp Nomad ACL token", ["nomad"],
  C(r"nomad[\w.-]{0,12}token", UUID_RE) + r"\b", "{uuid}", ctx="NOMAD_TOKEN", ent=3.0)
S("hcp-client-secret", "HashiCorp Cloud Platform service principal secret", ["hcp_client_secret", "hcp-client-secret"],
  C(r"hcp[_-]client[_-]secret", r"[A-Za-z0-9_-]{64}") + END_B64U, "{B64U:64}", ctx="HCP_CLIENT_SECRET", ent=4.3)
S("ansible-password", "Ansible connection or become password in an inventory or vars file", ["ansible_"],
  r"(?i:\bansible_(?:become_|ssh_|sudo_)?pass(?:word)?)['\"]?\s{0,4}[:=]\s{0,4}['\"]?([^\s'\"{}$][^\s'\"$]{7,127})",
  "{A62:10}!{A62:6}", ctx="ansible_become_password", conf="medium", ent=3.5, generic=True,
  neg=['ansible_become_password: "{{ vault_become_password }}"'])
S("rancher-api-token", "Rancher API token", ["token-"],
  r"\b(token-[a-z0-9]{5}:[a-z0-9]{54})\b", "token-{LOW:5}:{LOW:54}", ent=4.0)
S("wireguard-private-key", "WireGuard interface private key", ["privatekey"],
  C(r"privatekey", r"[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=") + END_B64, "@@WG@@", ctx="PrivateKey", ent=4.0,
  pos=["[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = @@TOK@@"])
S("zerotier-api-token", "ZeroTier Central API token", ["zerotier"],
  C(r"zerotier[\w.-]{0,12}(?:api[_-]?)?token", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="ZEROTIER_API_TOKEN", ent=4.0)
S("openvpn-static-key", "OpenVPN static key (tls-auth / tls-crypt)", ["begin openvpn static key v1"],
  r"(-----BEGIN OpenVPN Static key V1-----[\s\S]{64,}?-----END OpenVPN Static key V1-----)",
  "-----BEGIN OpenVPN Static key V1-----\n" + "\n".join(rand("HEX", 32) for _ in range(16)) + "\n-----END OpenVPN Static key V1-----",
  validator="pem", span="block", ent=3.5,
  ph="-----BEGIN OpenVPN Static key V1-----\n" + "x" * 64 + "\n-----END OpenVPN Static key V1-----")

# ---------------------------------------------------------------- observability (new)
family("observability")
S("newrelic-insights-query-key", "New Relic Insights query key", ["nriq-"],
  r"\b(NRIQ-[A-Za-z0-9_-]{32})" + END_B64U, "NRIQ-{B64U:32}", ent=4.0)
S("newrelic-rest-api-key", "New Relic REST API key", ["NRRA-"],
  r"\b(NRRA-[a-f0-9]{42})\b", "NRRA-{HEX:42}", ent=3.5, exact=True)
S("honeycomb-ingest-key", "Honeycomb ingest key", ["hcaik_", "hcxik_"],
  r"\b(hc[ax]ik_[a-z0-9]{58})\b", "hcaik_{LOW:58}", ent=4.0)
S("opsgenie-api-key", "Opsgenie API key", ["opsgenie"],
  C(r"opsgenie[\w.-]{0,12}(?:api[_-]?)?key", UUID_RE) + r"\b", "{uuid}", ctx="OPSGENIE_API_KEY", ent=3.0)
S("logzio-shipping-token", "Logz.io log shipping token", ["logzio", "logz.io", "logz_io"],
  C(r"logz(?:io|[._]io)[\w.-]{0,12}(?:shipping[_-]?)?token", r"[A-Za-z]{32}") + r"\b", "{ALPHA:32}", ctx="LOGZIO_TOKEN", ent=4.0)
S("logzio-api-token", "Logz.io API token", ["logzio", "logz.io", "logz_io"],
  C(r"logz(?:io|[._]io)[\w.-]{0,12}api[_-]?token", UUID_RE) + r"\b", "{uuid}", ctx="LOGZIO_API_TOKEN", ent=3.0)
S("signalfx-access-token", "Splunk Observability (SignalFx) access token", ["signalfx", "sfx_"],
  C(r"(?:signalfx|sfx)[\w.-]{0,12}(?:access[_-]?)?token", r"[A-Za-z0-9_-]{22}") + END_B64U, "{B64U:22}",
  ctx="SFX_ACCESS_TOKEN", ent=3.6)
S("lightstep-access-token", "Lightstep (ServiceNow Cloud Observability) access token", ["lightstep"],
  C(r"lightstep[\w.-]{0,12}(?:access[_-]?)?token", r"[A-Za-z0-9+/]{32,180}={0,2}") + END_B64, "{B64:84}",
  ctx="LIGHTSTEP_ACCESS_TOKEN", ent=4.3)
S("airbrake-project-key", "Airbrake project key", ["airbrake"],
  C(r"airbrake[\w.-]{0,12}(?:project[_-]?)?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="AIRBRAKE_PROJECT_KEY", ent=3.3)
S("mixpanel-api-secret", "Mixpanel API secret", ["mixpanel"],
  C(r"mixpanel[\w.-]{0,12}(?:api[_-]?)?secret", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="MIXPANEL_API_SECRET", ent=3.3)
S("coralogix-api-key", "Coralogix API or send-your-data key", ["cxtp_"],
  r"\b(cxtp_[A-Za-z0-9]{20,40})\b", "cxtp_{A62:30}", conf="medium", ent=4.0)
S("axiom-api-token", "Axiom API token", ["xaat-"],
  r"\b(xaat-" + UUID_RE + r")\b", "xaat-{uuid}", ent=3.3)
S("axiom-personal-token", "Axiom personal access token", ["xapt-"],
  r"\b(xapt-" + UUID_RE + r")\b", "xapt-{uuid}", ent=3.3)
S("betterstack-source-token", "Better Stack (Logtail) source token", ["logtail", "betterstack", "better_stack"],
  C(r"(?:logtail|better[_-]?stack)[\w.-]{0,12}(?:source[_-]?)?token", r"[A-Za-z0-9]{24}") + r"\b", "{A62:24}",
  ctx="LOGTAIL_SOURCE_TOKEN", ent=4.0)
S("instana-agent-key", "IBM Instana agent key", ["instana"],
  C(r"instana[\w.-]{0,12}(?:agent[_-]?)?key", r"[A-Za-z0-9_-]{22}") + END_B64U, "{B64U:22}", ctx="INSTANA_AGENT_KEY", ent=3.6)
S("pagerduty-integration-key", "PagerDuty Events API integration (routing) key", ["pagerduty"],
  C(r"pagerduty[\w.-]{0,12}(?:integration|routing|service)[_-]?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}",
  ctx="PAGERDUTY_ROUTING_KEY", ent=3.3)
S("uptimerobot-api-key", "UptimeRobot main API key", ["uptimerobot", "uptime_robot"],
  C(r"uptime[_-]?robot[\w.-]{0,12}(?:api[_-]?)?key", r"u\d{6,8}-[a-f0-9]{24}") + r"\b", "u{DIG:7}-{HEX:24}",
  ctx="UPTIMEROBOT_API_KEY", ent=3.5)

# ---------------------------------------------------------------- payments (new)
family("payments")
S("paystack-secret-key", "Paystack secret key", ["sk_live_", "sk_test_"],
  r"\b(sk_(?:live|test)_[a-f0-9]{40})\b", "sk_live_{HEX:40}", ent=3.5)
S("stripe-test-secret-key", "Stripe test-mode secret key (grants API access to the test account)", ["sk_test_"],
  r"\b(sk_test_[0-9A-Za-z]{24,99})\b", "sk_test_{A62:32}", ent=4.0, severity="medium", unless=r"(?i)clerk")
S("stripe-test-restricted-key", "Stripe test-mode restricted key", ["rk_test_"],
  r"\b(rk_test_[0-9A-Za-z]{24,99})\b", "rk_test_{A62:32}", ent=4.0, severity="medium")
S("shopify-custom-app-token", "Shopify custom app access token", ["shpca_"],
  r"\b(shpca_[a-fA-F0-9]{32})\b", "shpca_{HEX:32}", ent=3.3)
S("shopify-private-app-password", "Shopify private app password", ["shppa_"],
  r"\b(shppa_[a-fA-F0-9]{32})\b", "shppa_{HEX:32}", ent=3.3)
S("braintree-private-key", "Braintree private key", ["braintree"],
  C(r"braintree[\w.-]{0,12}private[_-]?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="BRAINTREE_PRIVATE_KEY", ent=3.3)
S("paypal-access-token", "PayPal OAuth access token", ["A21AA"],
  r"\b(A21AA[A-Za-z0-9_-]{80,120})" + END_B64U, "A21AA{B64U:92}", conf="medium", ent=4.5, exact=True)
S("razorpay-key-secret", "Razorpay key secret", ["razorpay"],
  C(r"razorpay[\w.-]{0,12}(?:key[_-]?)?secret", r"[A-Za-z0-9]{24}") + r"\b", "{A62:24}", ctx="RAZORPAY_KEY_SECRET", ent=3.6)
S("mollie-api-key", "Mollie API key", ["mollie"],
  C(r"mollie[\w.-]{0,12}(?:api[_-]?)?key", r"(?:live|test)_[A-Za-z0-9]{30}") + r"\b", "live_{A62:30}", ctx="MOLLIE_API_KEY", ent=4.0)
S("mollie-access-token", "Mollie organisation access token", ["mollie"],
  C(r"mollie[\w.-]{0,12}(?:access[_-]?)?token", r"access_[A-Za-z0-9]{40}") + r"\b", "access_{A62:40}", ctx="MOLLIE_ACCESS_TOKEN", ent=4.0)
S("checkout-com-secret-key", "Checkout.com secret key", ["checkout"],
  C(r"checkout[\w.-]{0,12}secret[_-]?key", r"sk_(?:sbox_)?[a-z0-9]{26,30}") + r"\b", "sk_sbox_{LOW:26}",
  ctx="CHECKOUT_SECRET_KEY", ent=3.8)
S("authorizenet-transaction-key", "Authorize.net transaction key", ["authorize", "authnet"],
  C(r"(?:authorize(?:[_.]?net)?|authnet)[\w.-]{0,12}transaction[_-]?key", r"[A-Za-z0-9]{16}") + r"\b", "{A62:16}",
  ctx="AUTHORIZENET_TRANSACTION_KEY", ent=3.2)
S("midtrans-server-key", "Midtrans server key", ["mid-server-"],
  r"\b((?:SB-)?Mid-server-[A-Za-z0-9_-]{24})" + END_B64U, "Mid-server-{B64U:24}", ent=4.0)
S("xendit-secret-key", "Xendit secret key", ["xnd_development_", "xnd_production_"],
  r"\b(xnd_(?:development|production)_[A-Za-z0-9]{50,70})\b", "xnd_production_{A62:60}", ent=4.3)
S("woocommerce-consumer-secret", "WooCommerce REST API consumer secret", ["cs_"],
  r"\b(cs_[a-f0-9]{40})\b", "cs_{HEX:40}", conf="medium", ent=3.5)
S("recurly-api-key", "Recurly private API key", ["recurly"],
  C(r"recurly[\w.-]{0,12}(?:private[_-]?)?(?:api[_-]?)?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="RECURLY_API_KEY", ent=3.3)
S("chargebee-api-key", "Chargebee API key", ["chargebee"],
  C(r"chargebee[\w.-]{0,12}(?:api[_-]?)?key", r"(?:live|test)_[A-Za-z0-9]{26,40}") + r"\b", "live_{A62:32}",
  ctx="CHARGEBEE_API_KEY", ent=4.0)
S("wise-api-token", "Wise (TransferWise) API token", ["wise_api", "transferwise"],
  C(r"(?:wise|transferwise)[\w.-]{0,12}(?:api[_-]?)?token", UUID_RE) + r"\b", "{uuid}", ctx="WISE_API_TOKEN", ent=3.0)
S("lob-api-key", "Lob API key", ["lob_"],
  C(r"lob[_-](?:live[_-]|test[_-])?(?:api[_-]?)?key", r"(?:live|test)_[a-f0-9]{35}") + r"\b", "live_{HEX:35}",
  ctx="LOB_API_KEY", ent=3.5)
S("alpaca-secret-key", "Alpaca trading API secret key", ["apca", "alpaca"],
  C(r"(?:apca|alpaca)[\w.-]{0,12}secret[_-]?key", r"[A-Za-z0-9]{40}") + r"\b", "{A62:40}", ctx="APCA_API_SECRET_KEY", ent=4.0)

# ---------------------------------------------------------------- messaging (new)
family("messaging")
S("slack-workspace-token", "Slack workspace app token (xoxa)", ["xoxa-"],
  r"\b(xoxa-\d-[0-9A-Za-z-]{30,120})\b", "xoxa-2-{A62:12}-{A62:40}", ent=3.8)
S("slack-refresh-token", "Slack OAuth refresh token (xoxr)", ["xoxr-"],
  r"\b(xoxr-[0-9A-Za-z-]{30,160})\b", "xoxr-{DIG:12}-{A62:60}", ent=3.8)
S("slack-client-token", "Slack client (browser session) token", ["xoxc-"],
  r"\b(xoxc-\d{8,13}-\d{8,13}-\d{8,13}-[a-f0-9]{64})\b", "xoxc-{DIG:12}-{DIG:12}-{DIG:13}-{HEX:64}", ent=3.5)
S("slack-session-cookie", "Slack session cookie (d=xoxd-)", ["xoxd-"],
  r"\b(xoxd-[A-Za-z0-9%/+_-]{60,400})", "xoxd-{B64U:120}", conf="medium", ent=4.3)
S("twilio-api-secret", "Twilio API key secret", ["twilio"],
  C(r"twilio[\w.-]{0,12}api[_-]?secret", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="TWILIO_API_SECRET", ent=4.0)
S("sparkpost-api-key", "SparkPost API key", ["sparkpost"],
  C(r"sparkpost[\w.-]{0,12}(?:api[_-]?)?key", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="SPARKPOST_API_KEY", ent=3.3)
S("mandrill-api-key", "Mailchimp Transactional (Mandrill) API key", ["mandrill"],
  C(r"mandrill[\w.-]{0,12}(?:api[_-]?)?key", r"md-[A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{22}") + END_B64U, "md-{B64U:22}",
  ctx="MANDRILL_API_KEY", ent=4.0)
S("mailtrap-api-token", "Mailtrap API token", ["mailtrap"],
  C(r"mailtrap[\w.-]{0,12}(?:api[_-]?)?token", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="MAILTRAP_API_TOKEN", ent=3.3)
S("smtp2go-api-key", "SMTP2GO API key", ["api-"],
  r"\b(api-[A-F0-9]{32})\b", "api-{HEXU:32}", conf="medium", ent=3.5, exact=True)
S("brevo-smtp-key", "Brevo (Sendinblue) SMTP key", ["xsmtpsib-"],
  r"\b(xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b", "xsmtpsib-{HEX:64}-{A62:16}", ent=3.8)
S("plivo-auth-token", "Plivo auth token", ["plivo"],
  C(r"plivo[\w.-]{0,12}auth[_-]?token", r"[A-Za-z0-9]{40}") + r"\b", "{A62:40}", ctx="PLIVO_AUTH_TOKEN", ent=4.0)
S("freshdesk-api-key", "Freshdesk API key", ["freshdesk"],
  C(r"freshdesk[\w.-]{0,12}(?:api[_-]?)?key", r"[A-Za-z0-9]{20}") + r"\b", "{A62:20}", ctx="FRESHDESK_API_KEY", ent=3.8)
S("ably-api-key", "Ably API key", ["ably_api", "ably_key", "ably-api", "ablyapi", "ably_root"],
  C(r"ably[\w.-]{0,12}(?:api[_-]?)?key", r"[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{6}:[A-Za-z0-9_-]{43}") + END_B64U,
  "{B64U:6}.{B64U:6}:{B64U:43}", ctx="ABLY_API_KEY", ent=4.3)
S("sendbird-api-token", "Sendbird API token", ["sendbird"],
  C(r"sendbird[\w.-]{0,12}(?:api[_-]?)?token", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="SENDBIRD_API_TOKEN", ent=3.3)
S("onesignal-key-v2", "OneSignal app REST API key (os_v2_app)", ["os_v2_app_"],
  r"\b(os_v2_app_[a-z0-9]{100,120})\b", "os_v2_app_{LOW:113}", ent=4.3)
S("onesignal-org-key", "OneSignal organisation API key", ["os_v2_org_"],
  r"\b(os_v2_org_[a-z0-9]{100,120})\b", "os_v2_org_{LOW:113}", ent=4.3)
S("azure-logic-app-trigger-url", "Azure Logic Apps / Power Automate / Teams workflow trigger URL (signed)", ["logic.azure.com"],
  r"(https://[a-z0-9-]+\.[a-z0-9]+\.logic\.azure\.com(?::443)?/workflows/[a-f0-9]{32}/triggers/[A-Za-z0-9_]+/paths/invoke\?[^\s'\"`]*?sig=[A-Za-z0-9_-]{43})",
  "https://prod-27.westeurope.logic.azure.com:443/workflows/{HEX:32}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={B64U:43}",
  ent=4.0)
S("make-webhook", "Make (Integromat) webhook URL", [".make.com/"],
  r"(https://hook\.(?:eu|us)\d\.make\.com/[a-z0-9]{32})\b", "https://hook.eu1.make.com/{LOW:32}", conf="medium", ent=3.5)
S("ifttt-webhook-key", "IFTTT Webhooks key", ["maker.ifttt.com"],
  r"(https://maker\.ifttt\.com/(?:trigger/[\w-]+/(?:json/)?with/key|use)/[A-Za-z0-9_-]{22})" + END_B64U,
  "https://maker.ifttt.com/trigger/deploy_done/with/key/{B64U:22}", ent=3.5)
S("telegram-api-hash", "Telegram client API hash", ["api_hash", "apihash", "api-hash"],
  C(r"(?:telegram[\w.-]{0,12})?api[_-]?hash", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="TELEGRAM_API_HASH", conf="medium", ent=3.3)
S("webex-bot-token", "Webex bot or access token", ["webex"],
  C(r"webex[\w.-]{0,12}(?:bot[_-]?|access[_-]?)?token", r"[A-Za-z0-9]{64}_[A-Za-z0-9]{4}_" + UUID_RE) + r"\b",
  "{A62:64}_PF84_{uuid}", ctx="WEBEX_BOT_TOKEN", ent=4.3)
S("line-channel-access-token", "LINE Messaging API channel access token", ["channel_access_token", "channel-access-token", "channelaccesstoken"],
  C(r"(?:line[\w.-]{0,12})?channel[_-]?access[_-]?token", r"[A-Za-z0-9+/]{160,180}={0,2}") + END_B64, "{B64:171}=",
  ctx="LINE_CHANNEL_ACCESS_TOKEN", ent=4.5)
S("line-channel-secret", "LINE channel secret", ["channel_secret", "channel-secret", "channelsecret"],
  C(r"(?:line[\w.-]{0,12})?channel[_-]?secret", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="LINE_CHANNEL_SECRET", ent=3.3)
S("mattermost-access-token", "Mattermost personal access or bot token", ["mattermost"],
  C(r"mattermost[\w.-]{0,12}(?:access[_-]?|bot[_-]?)?token", r"[a-z0-9]{26}") + r"\b", "{LOW:26}", ctx="MATTERMOST_TOKEN", ent=3.8)
S("zulip-api-key", "Zulip API key", ["zulip"],
  C(r"zulip[\w.-]{0,12}(?:api[_-]?)?key", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="ZULIP_API_KEY", ent=4.0)
S("customerio-api-key", "Customer.io API key", ["customerio", "customer.io", "customer_io"],
  C(r"customer[_.-]?io[\w.-]{0,12}(?:app[_-]?|track[_-]?)?(?:api[_-]?)?key", r"[a-f0-9]{32}") + r"\b", "{HEX:32}",
  ctx="CUSTOMERIO_API_KEY", ent=3.3)
S("klaviyo-private-key", "Klaviyo private API key", ["pk_"],
  r"\b(pk_[a-f0-9]{34})\b", "pk_{HEX:34}", conf="medium", ent=3.5)

# ---------------------------------------------------------------- ai (new)
family("ai")
S("openai-project-key", "OpenAI project API key", ["sk-proj-"],
  r"\b(sk-proj-[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})" + END_B64U, "sk-proj-{B64U:74}T3BlbkFJ{B64U:74}", ent=4.5)
S("openai-service-account-key", "OpenAI service account key", ["sk-svcacct-"],
  r"\b(sk-svcacct-[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})" + END_B64U, "sk-svcacct-{B64U:74}T3BlbkFJ{B64U:74}", ent=4.5)
S("openai-admin-key", "OpenAI admin API key", ["sk-admin-"],
  r"\b(sk-admin-[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})" + END_B64U, "sk-admin-{B64U:58}T3BlbkFJ{B64U:58}", ent=4.5)
S("anthropic-oauth-token", "Anthropic (Claude) OAuth access token", ["sk-ant-oat"],
  r"\b(sk-ant-oat0\d-[A-Za-z0-9_-]{80,120})" + END_B64U, "sk-ant-oat01-{B64U:93}AA", ent=4.5)
S("anthropic-oauth-refresh-token", "Anthropic (Claude) OAuth refresh token", ["sk-ant-ort"],
  r"\b(sk-ant-ort0\d-[A-Za-z0-9_-]{80,120})" + END_B64U, "sk-ant-ort01-{B64U:93}AA", ent=4.5)
S("azure-openai-api-key", "Azure OpenAI API key", ["azure_openai", "azure-openai", "azureopenai"],
  C(r"azure[\w.-]{0,4}openai[\w.-]{0,12}(?:api[_-]?)?key", r"[a-f0-9]{32}|[A-Za-z0-9]{84}") + r"\b", "{HEX:32}",
  ctx="AZURE_OPENAI_API_KEY", ent=3.3)
S("nvidia-api-key", "NVIDIA NGC / NIM API key", ["nvapi-"],
  r"\b(nvapi-[A-Za-z0-9_-]{64})" + END_B64U, "nvapi-{B64U:64}", ent=4.3)
S("cerebras-api-key", "Cerebras API key", ["csk-"],
  r"\b(csk-[a-z0-9]{48})\b", "csk-{LOW:48}", ent=4.0)
S("tavily-api-key", "Tavily API key", ["tvly-"],
  r"\b(tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})\b", "tvly-{A62:32}", ent=4.0)
S("firecrawl-api-key", "Firecrawl API key", ["fc-"],
  r"\b(fc-[a-f0-9]{32})\b", "fc-{HEX:32}", conf="medium", ent=3.3)
S("e2b-api-key", "E2B API key", ["e2b_"],
  r"\b(e2b_[a-f0-9]{40})\b", "e2b_{HEX:40}", ent=3.3)
S("langfuse-secret-key", "Langfuse secret key", ["sk-lf-"],
  r"\b(sk-lf-" + UUID_RE + r")\b", "sk-lf-{uuid}", ent=3.3)
S("llamacloud-api-key", "LlamaCloud (LlamaIndex) API key", ["llx-"],
  r"\b(llx-[A-Za-z0-9]{48})\b", "llx-{A62:48}", ent=4.3)
S("modal-token-secret", "Modal token secret", ["modal"],
  C(r"modal[\w.-]{0,12}token[_-]?secret", r"as-[A-Za-z0-9]{22}") + r"\b", "as-{A62:22}", ctx="MODAL_TOKEN_SECRET", ent=3.6)
S("jina-api-key", "Jina AI API key", ["jina_"],
  r"\b(jina_[A-Za-z0-9]{60})\b", "jina_{A62:60}", ent=4.3)
S("voyage-api-key", "Voyage AI API key", ["voyage"],
  C(r"voyage[\w.-]{0,12}api[_-]?key", r"pa-[A-Za-z0-9_-]{43}") + END_B64U, "pa-{B64U:43}", ctx="VOYAGE_API_KEY", ent=4.3)
S("mem0-api-key", "Mem0 API key", ["m0-"],
  r"\b(m0-[A-Za-z0-9]{40})\b", "m0-{A62:40}", conf="medium", ent=4.0)
S("neptune-api-token", "neptune.ai API token", ["eyJhcGlfYWRkcmVzcyI6"],
  r"\b(eyJhcGlfYWRkcmVzcyI6[A-Za-z0-9+/=_-]{40,})",
  "@@NEPTUNE@@", validator="embedded-json", ent=4.3, exact=True)
S("serpapi-api-key", "SerpApi API key", ["serpapi", "serp_api"],
  C(r"serp_?api[\w.-]{0,12}(?:api[_-]?)?key", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="SERPAPI_API_KEY", ent=3.5)
S("deepgram-api-key", "Deepgram API key", ["deepgram"],
  C(r"deepgram[\w.-]{0,12}(?:api[_-]?)?key", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="DEEPGRAM_API_KEY", ent=3.3)
S("fal-api-key", "fal.ai API key", ["fal_key", "fal-key", "fal_ai"],
  C(r"fal[_-](?:ai[_-]?)?(?:api[_-]?)?key", UUID_RE + r":[0-9a-f]{32}") + r"\b", "{uuid}:{HEX:32}", ctx="FAL_KEY", ent=3.5)
S("dashscope-api-key", "Alibaba Model Studio (DashScope) API key", ["dashscope"],
  C(r"dashscope[\w.-]{0,12}api[_-]?key", r"sk-[a-f0-9]{32}") + r"\b", "sk-{HEX:32}", ctx="DASHSCOPE_API_KEY", ent=3.5)
S("langsmith-service-key", "LangSmith service key", ["lsv2_sk_"],
  r"\b(lsv2_sk_[a-f0-9]{32}_[a-f0-9]{10})\b", "lsv2_sk_{HEX:32}_{HEX:10}", ent=3.5)
S("stability-api-key", "Stability AI API key", ["stability"],
  C(r"stability[\w.-]{0,12}(?:ai[_-]?)?(?:api[_-]?)?key", r"sk-[A-Za-z0-9]{48}") + r"\b", "sk-{A62:48}", ctx="STABILITY_API_KEY", ent=4.3)
S("ai21-api-key", "AI21 Labs API key", ["ai21"],
  C(r"ai21[\w.-]{0,12}api[_-]?key", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="AI21_API_KEY", ent=4.0)
S("clarifai-pat", "Clarifai personal access token", ["clarifai"],
  C(r"clarifai[\w.-]{0,12}(?:pat|api[_-]?key)", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="CLARIFAI_PAT", ent=3.3)
S("weaviate-api-key", "Weaviate Cloud API key", ["weaviate"],
  C(r"weaviate[\w.-]{0,12}api[_-]?key", r"[A-Za-z0-9+/=_-]{32,80}") + r"(?:[^A-Za-z0-9+/=_-]|$)", "{A62:40}",
  ctx="WEAVIATE_API_KEY", ent=4.0)
S("qdrant-api-key", "Qdrant Cloud API key", ["qdrant"],
  C(r"qdrant[\w.-]{0,12}api[_-]?key", r"[A-Za-z0-9_|.-]{32,120}") + r"(?:[^A-Za-z0-9_|.-]|$)", "{A62:20}|{A62:30}",
  ctx="QDRANT_API_KEY", ent=4.0)
S("comet-api-key", "Comet ML API key", ["comet"],
  C(r"comet[\w.-]{0,8}api[_-]?key", r"[A-Za-z0-9]{25}") + r"\b", "{A62:25}", ctx="COMET_API_KEY", ent=3.6)
S("moonshot-api-key", "Moonshot AI (Kimi) API key", ["moonshot", "kimi"],
  C(r"(?:moonshot|kimi)[\w.-]{0,12}api[_-]?key", r"sk-[A-Za-z0-9]{48}") + r"\b", "sk-{A62:48}", ctx="MOONSHOT_API_KEY", ent=4.3)
S("zhipu-api-key", "Zhipu AI (GLM) API key", ["zhipu", "glm_api", "glm-api"],
  C(r"(?:zhipu(?:ai)?|glm)[\w.-]{0,12}api[_-]?key", r"[a-f0-9]{32}\.[A-Za-z0-9]{16}") + r"\b", "{HEX:32}.{A62:16}",
  ctx="ZHIPUAI_API_KEY", ent=4.0)
S("runpod-api-key", "RunPod API key", ["runpod"],
  C(r"runpod[\w.-]{0,12}api[_-]?key", r"(?:rpa_)?[A-Za-z0-9]{32,60}") + r"\b", "rpa_{UP:40}", ctx="RUNPOD_API_KEY", ent=4.0)
S("exa-api-key", "Exa search API key", ["exa_api_key", "exa-api-key", "exaapikey"],
  C(r"exa[_-]?api[_-]?key", UUID_RE) + r"\b", "{uuid}", ctx="EXA_API_KEY", ent=3.0)
S("pinecone-api-key-legacy", "Pinecone API key (legacy UUID)", ["pinecone"],
  C(r"pinecone[\w.-]{0,12}api[_-]?key", UUID_RE) + r"\b", "{uuid}", ctx="PINECONE_API_KEY", ent=3.0)
S("together-api-key-v2", "Together AI API key (tgp_v1)", ["tgp_v1_"],
  r"\b(tgp_v1_[A-Za-z0-9_-]{43})" + END_B64U, "tgp_v1_{B64U:43}", ent=4.3)

# ---------------------------------------------------------------- databases (new)
family("databases")
S("supabase-access-token", "Supabase personal access token", ["sbp_"],
  r"\b(sbp_[a-f0-9]{40})\b", "sbp_{HEX:40}", ent=3.5)
S("planetscale-password", "PlanetScale database password", ["pscale_pw_"],
  r"\b(pscale_pw_[A-Za-z0-9_.-]{32,64})\b", "pscale_pw_{B64U:43}", ent=4.0)
S("planetscale-oauth-token", "PlanetScale OAuth token", ["pscale_oauth_"],
  r"\b(pscale_oauth_[A-Za-z0-9_.-]{32,64})\b", "pscale_oauth_{B64U:43}", ent=4.0)
S("databricks-oauth-secret", "Databricks OAuth (service principal) secret", ["dose"],
  r"\b(dose[a-f0-9]{32})\b", "dose{HEX:32}", ent=3.3)
S("neon-api-key", "Neon API key", ["napi_"],
  r"\b(napi_[a-z0-9]{64})\b", "napi_{LOW:64}", ent=4.0)
S("mongodb-atlas-service-account-secret", "MongoDB Atlas service account secret", ["mdb_sa_sk_"],
  r"\b(mdb_sa_sk_[A-Za-z0-9_-]{30,60})" + END_B64U, "mdb_sa_sk_{B64U:40}", ent=4.3)
S("aiven-service-password", "Aiven service password", ["AVNS_"],
  r"\b(AVNS_[A-Za-z0-9_-]{19})" + END_B64U, "AVNS_{B64U:19}", ent=3.8, exact=True)
S("aiven-api-token", "Aiven API token", ["aiven"],
  C(r"aiven[\w.-]{0,12}(?:api[_-]?|auth[_-]?)?token", r"[A-Za-z0-9+/]{300,400}={0,2}") + END_B64, "{B64:372}",
  ctx="AIVEN_TOKEN", ent=4.5)
S("clickhouse-cloud-secret", "ClickHouse Cloud API key secret", ["4b1d"],
  r"\b(4b1d[A-Za-z0-9]{38})\b", "4b1d{A62:38}", conf="medium", ent=4.0)
S("influxdb-token", "InfluxDB API token", ["influx"],
  C(r"influx(?:db)?[\w.-]{0,12}token", r"[A-Za-z0-9_-]{86}==") + END_B64, "{B64U:86}==", ctx="INFLUXDB_TOKEN", ent=4.5)
S("elastic-api-key", "Elasticsearch / Elastic Cloud API key (base64 id:key)", ["elastic"],
  C(r"elastic(?:search)?[\w.-]{0,12}api[_-]?key", r"[A-Za-z0-9+/]{40,120}={0,2}") + END_B64, "@@ELASTIC@@",
  ctx="ELASTIC_API_KEY", validator="basic-auth", conf="medium", ent=4.0)
S("xata-api-key", "Xata API key", ["xau_"],
  r"\b(xau_[A-Za-z0-9]{32,40})\b", "xau_{A62:36}", ent=4.0)
S("upstash-qstash-token", "Upstash QStash token", ["eyJVc2VySUQiOi"],
  r"\b(eyJVc2VySUQiOi[A-Za-z0-9+/=_-]{40,})", "@@QSTASH@@", validator="embedded-json", ent=4.0, exact=True)
S("prisma-accelerate-url", "Prisma Accelerate connection string with API key", ["prisma://", "prisma+postgres://"],
  r"(prisma(?:\+postgres)?://accelerate\.prisma-data\.net/\?api_key=eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,})",
  "prisma://accelerate.prisma-data.net/?api_key=@@JWT@@", ent=4.0)
S("contentful-delivery-token", "Contentful Delivery / Preview API token", ["contentful"],
  C(r"contentful[\w.-]{0,12}(?:delivery|preview|access)[_-]?(?:api[_-]?)?token", r"[A-Za-z0-9_-]{43}") + END_B64U, "{B64U:43}",
  ctx="CONTENTFUL_DELIVERY_TOKEN", ent=4.3)
S("sanity-api-token", "Sanity API token", ["sanity"],
  C(r"sanity[\w.-]{0,12}(?:api[_-]?|auth[_-]?|write[_-]?|read[_-]?)?token", r"sk[A-Za-z0-9]{78,190}") + r"\b", "sk{A62:120}",
  ctx="SANITY_API_TOKEN", ent=4.5)
S("airtable-api-key", "Airtable API key (deprecated user key)", ["airtable"],
  C(r"airtable[\w.-]{0,12}api[_-]?key", r"key[A-Za-z0-9]{14}") + r"\b", "key{A62:14}", ctx="AIRTABLE_API_KEY", ent=3.5)
S("fauna-secret", "Fauna database secret", ["fauna"],
  C(r"fauna(?:db)?[\w.-]{0,12}(?:secret|key)", r"fn[A-Za-z0-9_-]{38}") + END_B64U, "fnA{B64U:37}", ctx="FAUNA_SECRET", ent=4.0)
S("hasura-admin-secret", "Hasura GraphQL admin secret", ["hasura"],
  C(r"hasura[\w.-]{0,20}admin[_-]?secret", r"[^\s'\"`;,]{12,128}"), "{A62:10}!{A62:6}", ctx="HASURA_GRAPHQL_ADMIN_SECRET",
  conf="medium", ent=3.5, generic=True)
S("astra-db-token", "DataStax Astra DB application token", ["AstraCS:"],
  r"\b(AstraCS:[A-Za-z]{24}:[a-f0-9]{64})\b", "AstraCS:{ALPHA:24}:{HEX:64}", ent=4.0, exact=True)
S("typesense-api-key", "Typesense admin API key", ["typesense"],
  C(r"typesense[\w.-]{0,12}(?:admin[_-]?)?api[_-]?key", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="TYPESENSE_API_KEY", ent=4.0)
S("meilisearch-master-key", "Meilisearch master or admin API key", ["meili"],
  C(r"meili(?:search)?[\w.-]{0,12}(?:master|admin|api)[_-]?key", r"[A-Za-z0-9_-]{16,64}") + END_B64U, "{B64U:32}",
  ctx="MEILI_MASTER_KEY", ent=3.8)
S("uri-jdbc-password", "JDBC URL with an embedded password", ["jdbc:"],
  r"(jdbc:(?:[a-z0-9]+:){1,2}(?:thin:[\w.$-]+/[^\s@/'\"`$<>{}]{6,128}@[^\s'\"`;,)]+|[^\s'\"`]{0,200}?[;?&](?i:password|pwd)=[^\s;&'\"`$<>{}]{6,128}))",
  "jdbc:sqlserver://sql.internal.corp:1433;databaseName=prod;user=app;password={A62:18}", conf="medium", ent=3.0,
  pos=["url = jdbc:oracle:thin:app/{0}@db.internal.corp:1521:ORCL".format(rand("A62", 16))])
S("connection-string-password", "ADO.NET / ODBC connection string with a password", ["server=", "data source="],
  r"((?i:server|data source)=[^;'\"`\n]{1,100};[^'\"`\n]{0,300}?(?i:password|pwd)=[^;'\"`\s$<>{}]{6,128})",
  "Server=tcp:sql.internal.corp,1433;Database=prod;User ID=app;Password={A62:18}", conf="medium", ent=3.0)
for scheme_id, scheme_re, scheme, port, kws in [
    ("neo4j", r"neo4j(?:\+s|\+ssc)?|bolt(?:\+s|\+ssc)?", "neo4j+s", 7687, ["neo4j", "bolt"]),
    ("clickhouse", r"clickhouse(?:\+\w+)?", "clickhouse", 9440, ["clickhouse"]),
    ("couchbase", r"couchbases?", "couchbases", 11207, ["couchbase"]),
    ("nats", r"nats|tls", "nats", 4222, ["nats://", "tls://"]),
    ("oracle", r"oracle(?:\+\w+)?", "oracle", 1521, ["oracle"]),
    ("snowflake", r"snowflake", "snowflake", 443, ["snowflake://"]),
]:
    S(f"uri-{scheme_id}-password", f"{scheme_id} connection URI with an embedded password", kws,
      rf"\b((?:{scheme_re})://[^\s:@/'\"`]{{0,64}}:[^\s:@/'\"`$<>{{}}]{{6,128}}@[^\s'\"`;,)]+)",
      f"{scheme}://app_user:{{A62:20}}@db.internal.corp:{port}/prod", conf="medium", ent=3.0)

# ---------------------------------------------------------------- identity (new)
family("identity")
S("clerk-secret-key", "Clerk secret key", ["clerk"],
  C(r"clerk[\w.-]{0,12}secret[_-]?key", r"sk_(?:live|test)_[A-Za-z0-9]{40,60}") + r"\b", "sk_live_{A62:46}",
  ctx="CLERK_SECRET_KEY", ent=4.3)
S("stytch-secret", "Stytch project secret", ["secret-live-", "secret-test-"],
  r"\b(secret-(?:live|test)-[A-Za-z0-9_=-]{36})(?:[^A-Za-z0-9_=-]|$)", "secret-live-{B64U:36}", ent=4.3)
S("duo-secret-key", "Duo Security integration secret key", ["duo_", "duo-"],
  C(r"duo[\w.-]{0,12}(?:secret[_-]?key|skey)", r"[A-Za-z0-9]{40}") + r"\b", "{A62:40}", ctx="DUO_SECRET_KEY", ent=4.0)
S("jumpcloud-api-key", "JumpCloud API key", ["jumpcloud"],
  C(r"jumpcloud[\w.-]{0,12}api[_-]?key", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="JUMPCLOUD_API_KEY", ent=3.3)
S("onelogin-client-secret", "OneLogin API client secret", ["onelogin"],
  C(r"onelogin[\w.-]{0,12}client[_-]?secret", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="ONELOGIN_CLIENT_SECRET", ent=3.5)
S("onepassword-connect-token", "1Password Connect server token", ["op_connect_token", "op-connect-token"],
  C(r"op[_-]connect[_-]token", r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}") + END_B64U, "@@JWT@@",
  ctx="OP_CONNECT_TOKEN", validator="jwt", ent=4.0)
S("infisical-service-token", "Infisical service token", ["infisical"],
  C(r"infisical[\w.-]{0,12}(?:service[_-]?)?token", r"st\.[a-f0-9-]{20,40}\.[a-f0-9]{32}\.[a-f0-9]{32}") + r"\b",
  "st.{uuid}.{HEX:32}.{HEX:32}", ctx="INFISICAL_TOKEN", ent=3.5)
S("infisical-client-secret", "Infisical universal-auth client secret", ["infisical"],
  C(r"infisical[\w.-]{0,12}client[_-]?secret", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="INFISICAL_CLIENT_SECRET", ent=3.5)
S("doppler-service-token", "Doppler service token", ["dp.st."],
  r"\b(dp\.st\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44})\b", "dp.st.prd.{A62:43}", ent=4.3)
S("doppler-service-account-token", "Doppler service account token", ["dp.sa."],
  r"\b(dp\.sa\.[A-Za-z0-9]{40,44})\b", "dp.sa.{A62:43}", ent=4.3)
S("doppler-cli-token", "Doppler CLI token", ["dp.ct."],
  r"\b(dp\.ct\.[A-Za-z0-9]{40,44})\b", "dp.ct.{A62:43}", ent=4.3)
S("doppler-scim-token", "Doppler SCIM token", ["dp.scim."],
  r"\b(dp\.scim\.[A-Za-z0-9]{40,44})\b", "dp.scim.{A62:43}", ent=4.3)
S("doppler-audit-token", "Doppler audit API token", ["dp.audit."],
  r"\b(dp\.audit\.[A-Za-z0-9]{40,44})\b", "dp.audit.{A62:43}", ent=4.3)
S("bitwarden-access-token", "Bitwarden Secrets Manager access token", ["bws_access_token", "bitwarden"],
  C(r"(?:bws|bitwarden)[\w.-]{0,12}(?:access[_-]?)?token", r"0\." + UUID_RE + r"\.[A-Za-z0-9]{30}:[A-Za-z0-9+/]{22}==") + END_B64,
  "0.{uuid}.{A62:30}:{B64:22}==", ctx="BWS_ACCESS_TOKEN", ent=4.0)
S("youtrack-permanent-token", "JetBrains YouTrack / Hub permanent token", ["perm:", "perm-"],
  r"\b(perm[:-][A-Za-z0-9+/=]{4,40}\.[A-Za-z0-9+/=]{4,40}\.[A-Za-z0-9]{30})\b", "perm:{A62:8}.{A62:8}.{A62:30}", ent=4.0)
S("smartsheet-token", "Smartsheet API access token", ["smartsheet"],
  C(r"smartsheet[\w.-]{0,12}(?:access[_-]?|api[_-]?)?token", r"[A-Za-z0-9]{26,37}") + r"\b", "{A62:37}", ctx="SMARTSHEET_ACCESS_TOKEN", ent=4.0)
S("monday-api-token", "monday.com API token", ["monday"],
  C(r"monday[\w.-]{0,12}(?:api[_-]?)?token", r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}") + END_B64U, "@@JWT@@",
  ctx="MONDAY_API_TOKEN", validator="jwt", ent=4.0)
S("webflow-api-token", "Webflow API token", ["webflow"],
  C(r"webflow[\w.-]{0,12}(?:api[_-]?)?token", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="WEBFLOW_API_TOKEN", ent=3.5)
S("salesforce-access-token", "Salesforce access token / session id", ["00D"],
  r"\b(00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{90,110})", "00D{A62:15}!{A62:96}", conf="medium", ent=4.3, exact=True)
S("salesforce-consumer-secret", "Salesforce connected app consumer secret", ["salesforce", "sfdc"],
  C(r"(?:salesforce|sfdc)[\w.-]{0,12}(?:consumer|client)[_-]?secret", r"[A-F0-9]{64}") + r"\b", "{HEXU:64}",
  ctx="SALESFORCE_CONSUMER_SECRET", ent=3.5)
S("hubspot-api-key", "HubSpot API key (legacy hapikey)", ["hubspot", "hapikey"],
  C(r"hubspot[\w.-]{0,12}api[_-]?key|hapikey", UUID_RE) + r"\b", "{uuid}", ctx="HUBSPOT_API_KEY", ent=3.0)
S("dropbox-app-secret", "Dropbox app secret", ["dropbox"],
  C(r"dropbox[\w.-]{0,12}app[_-]?secret", r"[a-z0-9]{15}") + r"\b", "{LOW:15}", ctx="DROPBOX_APP_SECRET", ent=3.5)
S("dropbox-long-lived-token", "Dropbox long-lived access token", ["dropbox"],
  C(r"dropbox[\w.-]{0,12}(?:access[_-]?)?token", r"[A-Za-z0-9_-]{11}AAAAAAAAAA[A-Za-z0-9_-]{43}") + END_B64U,
  "{B64U:11}AAAAAAAAAA{B64U:43}", ctx="DROPBOX_ACCESS_TOKEN", ent=3.5)
S("adobe-client-secret", "Adobe Developer Console client secret", ["p8e-"],
  r"\b(p8e-[A-Za-z0-9_-]{32})" + END_B64U, "p8e-{B64U:32}", ent=4.0)
S("twitter-access-token", "Twitter / X user access token", ["twitter"],
  C(r"twitter[\w.-]{0,12}access[_-]?token", r"\d{1,20}-[A-Za-z0-9]{20,50}") + r"\b", "{DIG:19}-{A62:31}",
  ctx="TWITTER_ACCESS_TOKEN", ent=4.0)
S("twitter-access-token-secret", "Twitter / X user access token secret", ["twitter"],
  C(r"twitter[\w.-]{0,12}access[_-]?(?:token[_-]?)?secret", r"[A-Za-z0-9]{45}") + r"\b", "{A62:45}",
  ctx="TWITTER_ACCESS_TOKEN_SECRET", ent=4.3)
S("instagram-access-token", "Instagram access token", ["IGQV", "IGAA"],
  r"\b(IG(?:QV|AA)[A-Za-z0-9_-]{100,300})" + END_B64U, "IGQV{B64U:160}", ent=4.5, exact=True)
S("pinterest-access-token", "Pinterest access token", ["pina_"],
  r"\b(pina_[A-Za-z0-9]{32,200})\b", "pina_{A62:96}", conf="medium", ent=4.3)
S("reddit-client-secret", "Reddit app client secret", ["reddit"],
  C(r"reddit[\w.-]{0,12}client[_-]?secret", r"[A-Za-z0-9_-]{27,30}") + END_B64U, "{B64U:27}", ctx="REDDIT_CLIENT_SECRET", ent=4.0)
S("spotify-client-secret", "Spotify client secret", ["spotify"],
  C(r"spotify[\w.-]{0,12}client[_-]?secret", r"[a-f0-9]{32}") + r"\b", "{HEX:32}", ctx="SPOTIFY_CLIENT_SECRET", ent=3.3)
S("twitch-client-secret", "Twitch client secret", ["twitch"],
  C(r"twitch[\w.-]{0,12}client[_-]?secret", r"[a-z0-9]{30}") + r"\b", "{LOW:30}", ctx="TWITCH_CLIENT_SECRET", ent=4.0)
S("twitch-oauth-token", "Twitch chat OAuth token (oauth:)", ["oauth:"],
  r"\b(oauth:[a-z0-9]{30})\b", "oauth:{LOW:30}", conf="medium", ent=4.0)
S("zoom-client-secret", "Zoom app client secret", ["zoom"],
  C(r"zoom[\w.-]{0,12}(?:client|api)[_-]?secret", r"[A-Za-z0-9]{32}") + r"\b", "{A62:32}", ctx="ZOOM_CLIENT_SECRET", ent=4.0)
S("recaptcha-secret-key", "Google reCAPTCHA secret key", ["recaptcha"],
  C(r"recaptcha[\w.-]{0,12}secret(?:[_-]?key)?", r"6L[A-Za-z0-9_-]{38}") + END_B64U, "6L{B64U:38}", ctx="RECAPTCHA_SECRET_KEY", ent=4.0)
S("hcaptcha-secret-key", "hCaptcha secret key", ["hcaptcha"],
  C(r"hcaptcha[\w.-]{0,12}secret(?:[_-]?key)?", r"0x[a-fA-F0-9]{40}") + r"\b", "0x{HEX:40}", ctx="HCAPTCHA_SECRET_KEY", ent=3.3)
S("discourse-api-key", "Discourse API key", ["discourse"],
  C(r"discourse[\w.-]{0,12}api[_-]?key", r"[a-f0-9]{64}") + r"\b", "{HEX:64}", ctx="DISCOURSE_API_KEY", ent=3.5)
S("lokalise-api-token", "Lokalise API token", ["lokalise"],
  C(r"lokalise[\w.-]{0,12}(?:api[_-]?)?token", r"[a-f0-9]{40}") + r"\b", "{HEX:40}", ctx="LOKALISE_API_TOKEN", ent=3.3)
S("crowdin-token", "Crowdin personal access token", ["crowdin"],
  C(r"crowdin[\w.-]{0,12}(?:personal[_-]?)?(?:access[_-]?)?token", r"[a-f0-9]{80}") + r"\b", "{HEX:80}", ctx="CROWDIN_PERSONAL_TOKEN", ent=3.5)
S("zoho-client-secret", "Zoho API client secret", ["zoho"],
  C(r"zoho[\w.-]{0,12}client[_-]?secret", r"[a-f0-9]{42}") + r"\b", "{HEX:42}", ctx="ZOHO_CLIENT_SECRET", ent=3.3)
S("intuit-client-secret", "Intuit / QuickBooks client secret", ["intuit", "quickbooks"],
  C(r"(?:intuit|quickbooks|qbo)[\w.-]{0,12}client[_-]?secret", r"[A-Za-z0-9]{40}") + r"\b", "{A62:40}",
  ctx="QUICKBOOKS_CLIENT_SECRET", ent=4.0)
S("xero-client-secret", "Xero OAuth client secret", ["xero"],
  C(r"xero[\w.-]{0,12}client[_-]?secret", r"[A-Za-z0-9_-]{48}") + END_B64U, "{B64U:48}", ctx="XERO_CLIENT_SECRET", ent=4.3)
S("docusign-integration-key", "DocuSign secret key", ["docusign"],
  C(r"docusign[\w.-]{0,12}(?:secret|client[_-]?secret)[_-]?(?:key)?", UUID_RE) + r"\b", "{uuid}", ctx="DOCUSIGN_SECRET_KEY", ent=3.0)

# ---------------------------------------------------------------- crypto (new)
family("crypto")
S("bitcoin-wif-private-key", "Bitcoin private key (WIF, Base58Check)", ["wif", "privkey", "private_key", "privatekey", "bitcoin", "btc"],
  r"(?:^|[^1-9A-HJ-NP-Za-km-z])([5KLc9]" + B58_RE + r"{50,51})(?:[^1-9A-HJ-NP-Za-km-z]|$)", "@@WIF@@",
  ctx="BTC_PRIVATE_KEY", validator="base58-check", ent=4.0)
S("bitcoin-extended-private-key", "BIP-32 extended private key (xprv/tprv/yprv/zprv, Base58Check)", ["xprv", "tprv", "yprv", "zprv", "uprv", "vprv"],
  r"\b([xtyzuvYZ]prv" + B58_RE + r"{107,108})\b", "@@XPRV@@", validator="base58-check", ent=4.5)
S("bip39-mnemonic", "BIP-39 wallet recovery phrase (checksum verified)",
  ["mnemonic", "seed phrase", "seed_phrase", "seedphrase", "seed-phrase", "recovery phrase", "recovery_phrase",
   "secret phrase", "secret_phrase", "seed words", "seed_words"],
  r"(?:^|[^a-z])((?:[a-z]{3,8} ){11,23}[a-z]{3,8})(?:[^a-z]|$)", "@@BIP39@@", ctx="MNEMONIC", validator="bip39", ent=3.0)
S("nostr-private-key", "Nostr private key (nsec, Bech32)", ["nsec1"],
  r"\b(nsec1[02-9ac-hj-np-z]{58})\b", "@@NSEC@@", validator="bech32", ent=4.0)
S("cardano-signing-key", "Cardano signing key (Bech32)", ["ed25519_sk1", "ed25519e_sk1"],
  r"\b(ed25519e?_sk1[02-9ac-hj-np-z]{50,200})\b", "@@ADA@@", validator="bech32", ent=4.0)
S("solana-private-key", "Solana keypair secret (Base58, 64 bytes)", ["solana", "sol_private", "sol_secret"],
  C(r"(?:solana|sol)[\w.-]{0,12}(?:private|secret)[_-]?key", B58_RE + r"{85,90}") + r"\b", "@@SOL@@",
  ctx="SOLANA_PRIVATE_KEY", validator="base58-key64", ent=4.5)
S("lnd-macaroon", "Lightning (LND) macaroon, hex", ["0201036c6e6402"],
  r"\b(0201036c6e64[0-9a-f]{100,})", "@@LND@@", validator="macaroon-hex", ent=3.0)
S("alchemy-api-key", "Alchemy RPC URL with API key", ["alchemy.com/v2/", "alchemyapi.io/v2/"],
  r"(https://[a-z0-9-]+\.(?:g\.alchemy\.com|alchemyapi\.io)/v2/[A-Za-z0-9_-]{32})" + END_B64U,
  "https://eth-mainnet.g.alchemy.com/v2/{B64U:32}", conf="medium", ent=3.5)
S("quicknode-endpoint", "QuickNode endpoint URL with token", ["quiknode.pro"],
  r"(https://(?:[a-z0-9-]+\.){1,3}quiknode\.pro/[a-f0-9]{40})", "https://red-wild-field.quiknode.pro/{HEX:40}",
  conf="medium", ent=3.5)
S("binance-api-secret", "Binance API secret key", ["binance"],
  C(r"binance[\w.-]{0,12}(?:api[_-]?)?secret(?:[_-]?key)?", r"[A-Za-z0-9]{64}") + r"\b", "{A62:64}", ctx="BINANCE_API_SECRET", ent=4.5)
S("kraken-private-key", "Kraken API private key", ["kraken"],
  C(r"kraken[\w.-]{0,12}(?:private[_-]?key|api[_-]?secret)", r"[A-Za-z0-9+/]{86}==") + END_B64, "{B64:86}==",
  ctx="KRAKEN_PRIVATE_KEY", ent=4.5)

# ---------------------------------------------------------------- private keys (new)
family("private-keys")
S("private-key-legacy-encrypted", "Passphrase-encrypted private key (PEM with Proc-Type: 4,ENCRYPTED)", ["begin rsa private key", "begin ec private key", "begin dsa private key"],
  r"(-----BEGIN (?:RSA|EC|DSA) PRIVATE KEY-----(?:\s|\\[nr])+Proc-Type: 4,ENCRYPTED[\s\S]{64,}?-----END (?:RSA|EC|DSA) PRIVATE KEY-----)",
  "@@PEMENC@@", validator="pem", span="block", ent=4.0, severity="medium",
  ph="-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,xxxx\n\n" + "x" * 64 + "\n-----END RSA PRIVATE KEY-----")
S("private-key-openssh-encrypted", "Passphrase-encrypted OpenSSH private key", ["begin openssh private key"],
  r"(-----BEGIN OPENSSH PRIVATE KEY-----[\s\S]{64,}?-----END OPENSSH PRIVATE KEY-----)", "@@SSHENC@@",
  validator="openssh-encrypted", span="block", ent=4.0, severity="medium",
  ph="-----BEGIN OPENSSH PRIVATE KEY-----\n" + "x" * 64 + "\n-----END OPENSSH PRIVATE KEY-----")
S("private-key-putty", "PuTTY private key (.ppk), unencrypted", ["putty-user-key-file-"],
  r"(PuTTY-User-Key-File-[23]: [\w.@-]+(?:\s|\\[nr])+Encryption: none[\s\S]{0,4000}?Private-Lines: \d+(?:\s|\\[nr])+[\s\S]{20,8000}?Private-MAC: [0-9a-f]{40,64})",
  "@@PPK@@", span="block", ent=4.0,
  ph="PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\nPublic-Lines: 1\nxxxx\nPrivate-Lines: 1\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nPrivate-MAC: " + "x" * 64)
S("private-key-putty-encrypted", "PuTTY private key (.ppk), passphrase-encrypted", ["putty-user-key-file-"],
  r"(PuTTY-User-Key-File-[23]: [\w.@-]+(?:\s|\\[nr])+Encryption: aes256-cbc[\s\S]{0,4000}?Private-Lines: \d+(?:\s|\\[nr])+[\s\S]{20,8000}?Private-MAC: [0-9a-f]{40,64})",
  "@@PPKENC@@", span="block", ent=4.0, severity="medium",
  ph="PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: x\nPublic-Lines: 1\nxxxx\nPrivate-Lines: 1\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nPrivate-MAC: " + "x" * 64)
S("private-key-jwk", "Private JSON Web Key (a JWK with \"d\")", ['"kty"', '"d"'],
  r"(\"kty\"\s*:\s*\"(?:RSA|EC|OKP)\"[^{}]{0,4000}?\"d\"\s*:\s*\"[A-Za-z0-9_-]{32,}\"|\"d\"\s*:\s*\"[A-Za-z0-9_-]{32,}\"[^{}]{0,4000}?\"kty\"\s*:\s*\"(?:RSA|EC|OKP)\")",
  "@@JWK@@", ent=4.0,
  ph='"kty": "EC", "crv": "P-256", "d": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"')
S("private-key-pkcs8-der-base64", "PKCS#8 private key as base64 DER (no PEM armour)", ["ADANBgkqhkiG9w0BAQEFAASC", "MC4CAQAwBQYDK2Vw", "ByqGSM49AgEG"],
  r"(?:^|[^A-Za-z0-9+/])(MII[A-Za-z0-9+/]{5}ADANBgkqhkiG9w0BAQEFAASC[A-Za-z0-9+/]{400,}={0,2}|MC4CAQAwBQYDK2VwBCIEI[A-Za-z0-9+/]{43}|MIG[A-Za-z0-9+/]AgEAMB[A-Za-z0-9+/]GByqGSM49AgEG[A-Za-z0-9+/]{100,}={0,2})" + END_B64,
  "@@P8DER@@", validator="der-private-key", ent=4.5, exact=True)
S("private-key-pkcs1-der-base64", "PKCS#1 RSA private key as base64 DER (no PEM armour)", ["IBAAKC"],
  r"(?:^|[^A-Za-z0-9+/])(MII[A-Za-z0-9+/]{3}IBAAKC[A-Za-z0-9+/]{400,}={0,2})" + END_B64,
  "@@P1DER@@", validator="der-private-key", ent=4.5, exact=True)
S("private-key-sec1-der-base64", "SEC1 EC private key as base64 DER (no PEM armour)", ["MHcCAQEEI", "MIGkAgEBBDA"],
  r"(?:^|[^A-Za-z0-9+/])((?:MHcCAQEEI|MIGkAgEBBDA)[A-Za-z0-9+/]{100,}={0,2})" + END_B64,
  "@@SEC1DER@@", validator="der-private-key", ent=4.5, exact=True)
S("private-key-pem-base64", "PEM private key, base64-encoded (Kubernetes client-key-data, tls.key)", ["LS0tLS1CRUdJTi"],
  r"\b(LS0tLS1CRUdJTi[A-Za-z0-9+/]{80,}={0,2})", "@@PEMB64@@", validator="pem-base64", ent=4.5, exact=True)

# ---------------------------------------------------------------- formats (new)
family("formats")
S("http-basic-auth-header", "HTTP Authorization: Basic header with credentials", ["authorization"],
  r"(?i:authorization(?:[\w.-]{0,16}['\"]?\s{0,4}[:=,]\s{0,4}['\"]?\s{0,2}|_)basic|basic[_-]?authorization[\w.-]{0,8}['\"]?\s{0,4}[:=]\s{0,4}['\"]?)(?:[\s:=]|['\"]){0,6}([A-Za-z0-9+/]{12,}={0,2})" + END_B64,
  "@@BASICAUTH@@", ctx="BASIC_AUTHORIZATION", validator="basic-auth", conf="medium", ent=3.5,
  pos=["curl -H 'Authorization: Basic @@TOK@@' https://api.internal.corp/v1/deploy"])

# ---------------------------------------------------------------- changes to existing rules
edit("digitalocean-token", desc="DigitalOcean personal access token", keywords=["dop_v1_"],
     pattern=r"\b(dop_v1_[a-f0-9]{64})\b")
edit("circleci-personal-token", desc="CircleCI personal API token", keywords=["ccipat_"],
     pattern=r"\b(CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})\b")
edit("buildkite-agent-token", desc="Buildkite agent token", keywords=["bkat_"],
     pattern=r"\b(bkat_[a-f0-9]{40})\b", template="bkat_{HEX:40}")
edit("sonarqube-token", desc="SonarQube / SonarCloud user token", keywords=["squ_"],
     pattern=r"\b(squ_[a-f0-9]{40})\b")
edit("fly-io-token", desc="Fly.io personal access token (fo1)", keywords=["fo1_"],
     pattern=r"\b(fo1_[A-Za-z0-9_-]{43})" + END_B64U)
edit("supabase-service-key", desc="Supabase secret API key", keywords=["sb_secret_"],
     pattern=r"\b(sb_secret_[A-Za-z0-9_-]{31,40})" + END_B64U, template="sb_secret_{B64U:31}")
edit("planetscale-token", desc="PlanetScale service token", keywords=["pscale_tkn_"],
     pattern=r"\b(pscale_tkn_[A-Za-z0-9_.-]{32,64})\b")
edit("docker-hub-token", desc="Docker Hub personal access token", keywords=["dckr_pat_"],
     pattern=r"\b(dckr_pat_[A-Za-z0-9_-]{27,32})" + END_B64U)
edit("shopify-access-token", desc="Shopify Admin API access token", keywords=["shpat_"],
     pattern=r"\b(shpat_[a-fA-F0-9]{32})\b")
edit("stripe-secret-key", desc="Stripe live secret key", keywords=["sk_live_"],
     pattern=r"\b(sk_live_[0-9A-Za-z]{24,99})\b", unless=r"(?i)clerk")
edit("stripe-restricted-key", desc="Stripe live restricted key", keywords=["rk_live_"],
     pattern=r"\b(rk_live_[0-9A-Za-z]{24,99})\b")
edit("slack-legacy-token", desc="Slack legacy token (xoxs / xoxo)", keywords=["xoxs-", "xoxo-"],
     pattern=r"\b(xox[so]-(?:\d-)?[0-9A-Za-z-]{30,120})\b", template="xoxs-{DIG:12}-{A62:40}")
edit("newrelic-insights-key", desc="New Relic Insights insert key", keywords=["nrii-"],
     pattern=r"\b(NRII-[A-Za-z0-9_-]{32})" + END_B64U)
edit("doppler-token", desc="Doppler personal token", keywords=["dp.pt."],
     pattern=r"\b(dp\.pt\.[A-Za-z0-9]{40,44})\b")
edit("langsmith-api-key", desc="LangSmith personal access token", keywords=["lsv2_pt_"],
     pattern=r"\b(lsv2_pt_[a-f0-9]{32}_[a-f0-9]{10})\b")
edit("openai-api-key", desc="OpenAI user API key", keywords=["t3blbkfj"],
     pattern=r"\b(sk-(?:None-)?[A-Za-z0-9]{20,160}T3BlbkFJ[A-Za-z0-9]{20,160})" + END_B64U,
     template="sk-{A62:20}T3BlbkFJ{A62:20}")
edit("npm-access-token", validator="github-crc32", template="npm_{A62:30}{crc}")
edit("npmrc-auth-token", keywords=["_authtoken", "npmauthtoken"],
     pattern=r"(?i:_authToken|npmAuthToken){assign}(" + UUID_RE + r"|[A-Za-z0-9+/=]{40,})")
edit("pypi-token", validator="pypi-macaroon", template="@@PYPI@@")
edit("grafana-service-account-token", validator="grafana-crc32", template="@@GLSA@@",
     pattern=r"\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b")
edit("grafana-cloud-token", validator="embedded-json", template="@@GLC@@")
edit("sentry-org-token", validator="embedded-json", template="@@SNTRYS@@",
     pattern=r"\b(sntrys_eyJ[A-Za-z0-9+/=_-]{60,400})")
edit("onepassword-service-token", validator="embedded-json", template="@@OPS@@")
edit("age-secret-key", validator="bech32", template="@@AGE@@", family="private-keys")
edit("private-key-pkcs8-encrypted", severity="medium")
edit("private-key-ssh2-encrypted", severity="medium")
edit("private-key-openssh", template="@@SSH@@")
edit("together-api-key", pattern=C(r"together[\w.-]{0,8}api[_-]?key", r"tgp_v1_[A-Za-z0-9_-]{43}|[a-f0-9]{64}") + END_B64U)
place_before("paystack-secret-key", "stripe-secret-key")
place_before("stripe-test-secret-key", "stripe-restricted-key")
place_before("openai-project-key", "openai-api-key")
place_before("openai-service-account-key", "openai-api-key")
place_before("openai-admin-key", "openai-api-key")
place_before("private-key-legacy-encrypted", "private-key-rsa")
place_before("private-key-openssh-encrypted", "private-key-openssh")
place_before("private-key-putty-encrypted", "private-key-putty")

# Families of the rules written before the families existed.
REFAMILY = {
    "azure-ad-client-secret": "identity", "azure-devops-pat": "vcs",
    "supabase-service-key": "databases", "planetscale-token": "databases", "databricks-token": "databases",
    "mongodb-atlas-key": "databases", "upstash-redis-token": "databases",
    "circleci-personal-token": "ci-cd", "circleci-token": "ci-cd", "travis-ci-token": "ci-cd",
    "buildkite-agent-token": "ci-cd", "drone-ci-token": "ci-cd", "jenkins-api-token": "ci-cd",
    "sonarqube-token": "ci-cd", "octopus-deploy-key": "ci-cd", "harness-pat": "ci-cd", "codecov-token": "ci-cd",
    "snyk-token": "ci-cd", "docker-config-auth": "iac", "pulumi-token": "iac", "terraform-cloud-token": "iac",
    "coinbase-api-secret": "crypto", "twitter-bearer-token": "identity", "twitter-api-secret": "identity",
    "facebook-access-token": "identity", "facebook-app-secret": "identity", "linkedin-client-secret": "identity",
    "atlassian-api-token": "identity", "atlassian-api-token-legacy": "identity", "linear-api-key": "identity",
    "linear-oauth-token": "identity", "notion-token": "identity", "okta-api-token": "identity",
    "auth0-client-secret": "identity", "vault-service-token": "identity", "vault-batch-token": "identity",
    "vault-token-legacy": "identity", "doppler-token": "identity", "postman-api-key": "ci-cd",
    "airtable-pat": "databases", "asana-pat": "identity", "figma-pat": "identity", "clickup-token": "identity",
    "hubspot-token": "identity", "mapbox-secret-token": "identity", "dropbox-token": "identity",
    "algolia-admin-key": "databases", "contentful-token": "databases", "launchdarkly-key": "ci-cd",
    "posthog-personal-key": "observability", "segment-write-key": "observability", "typeform-token": "identity",
    "readme-api-key": "ci-cd", "prefect-api-key": "ci-cd", "frameio-token": "identity", "infracost-api-key": "ci-cd",
    "tailscale-key": "iac", "ngrok-token": "iac", "onepassword-secret-key": "identity",
    "onepassword-service-token": "identity", "snowflake-password": "databases", "confluent-api-secret": "databases",
    "cloudinary-url": "cloud", "browserstack-access-key": "ci-cd", "saucelabs-access-key": "ci-cd",
    "fastly-api-token": "cloud", "infura-secret": "crypto", "etherscan-api-key": "crypto",
    "ethereum-private-key": "crypto", "trello-token": "identity", "box-client-secret": "identity",
    "bitly-token": "identity", "amplitude-secret": "observability", "uri-http-basic-auth": "formats",
    "sourcegraph-token": "vcs", "kaggle-key": "ai", "wandb-api-key": "ai",
}
for r in SECRET_RULES:
    if r["id"] in REFAMILY:
        r["family"] = REFAMILY[r["id"]]


def special_token(name):
    """Tokens with a checksum or a structure, built so that they pass the validators."""
    if name == "@@PYPI@@":
        return pypi_token(), "pypi-AgEIcHlwaS5vcmc" + "x" * 80
    if name == "@@LND@@":
        return lnd_macaroon(), "0201036c6e6402" + "x" * 100
    if name == "@@GLSA@@":
        return until_clean(grafana_sa), "glsa_" + "x" * 32 + "_xxxxxxxx"
    if name == "@@GLC@@":
        return until_clean(lambda: "glc_" + json_b64({"o": rand("DIG", 6), "n": "stack-" + rand("DIG", 6) + "-deploy",
                                                       "k": rand("A62", 24), "m": {"r": "prod-eu-west-0"}})), "glc_" + "x" * 80
    if name == "@@SNTRYS@@":
        return until_clean(lambda: "sntrys_" + json_b64({"iat": 1763900000.0, "url": "https://sentry.io",
                                                          "region_url": "https://de.sentry.io", "org": "acme"})
                           + "_" + rand("B64", 43)), "sntrys_eyJ" + "x" * 100
    if name == "@@OPS@@":
        return until_clean(lambda: "ops_" + json_b64({"signInAddress": "my.1password.com", "userAuth": {"method": "SRPg-4096",
                                                       "alg": "PBES2g-HS256", "iterations": 650000, "salt": rand("B64U", 22)},
                                                       "email": rand("LOW", 12) + "@1passwordserviceaccounts.com",
                                                       "srpX": rand("HEX", 64), "muk": {"alg": "A256GCM", "ext": True,
                                                       "k": rand("B64U", 43), "key_ops": ["encrypt", "decrypt"], "kty": "oct",
                                                       "kid": "mp"}, "secretKey": "A3-" + rand("UP", 6) + "-" + rand("UP", 6),
                                                       "throttleSecret": {"seed": rand("HEX", 64), "uuid": rand("UP", 26)},
                                                       "deviceUuid": rand("LOW", 26)})), "ops_eyJ" + "x" * 260
    if name == "@@NEPTUNE@@":
        return until_clean(lambda: json_b64({"api_address": "https://app.neptune.ai", "api_url": "https://app.neptune.ai",
                                             "api_key": uuid()})), "eyJhcGlfYWRkcmVzcyI6" + "x" * 60
    if name == "@@QSTASH@@":
        return until_clean(lambda: json_b64({"UserID": uuid(), "Password": rand("HEX", 32)})), "eyJVc2VySUQiOi" + "x" * 60
    if name == "@@AGE@@":
        return until_clean(lambda: bech32_encode("age-secret-key-", randbytes(32)).upper()), "AGE-SECRET-KEY-1" + "X" * 58
    if name == "@@NSEC@@":
        return until_clean(lambda: bech32_encode("nsec", randbytes(32))), "nsec1" + "x" * 58
    if name == "@@ADA@@":
        return until_clean(lambda: bech32_encode("ed25519_sk", randbytes(32))), "ed25519_sk1" + "x" * 58
    if name == "@@WIF@@":
        return wif(), "K" + "x" * 51
    if name == "@@XPRV@@":
        return xprv(), "xprv" + "x" * 107
    if name == "@@SOL@@":
        return until_clean(lambda: base58(randbytes(64))), "x" * 88
    if name == "@@BIP39@@":
        return mnemonic(16), " ".join(["word"] * 12)
    if name == "@@BASICAUTH@@":
        return b64(("deploy:" + rand("A62", 24)).encode()), b64(b"<user>:<password>")
    if name == "@@ELASTIC@@":
        return b64((rand("B64U", 20) + ":" + rand("B64U", 22)).encode()), b64(b"<id>:<api_key>")
    if name == "@@WG@@":
        return until_clean(lambda: b64(randbytes(32))), "x" * 43 + "="
    if name == "@@JWT@@":
        return jwt_token({"sub": uuid(), "iat": 1763900000}), "eyJ" + "x" * 30 + ".eyJ" + "x" * 30 + "." + "x" * 43
    if name == "@@P8DER@@":
        return until_clean(lambda: b64(pkcs8_rsa_der())), "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + "x" * 500
    if name == "@@P1DER@@":
        return until_clean(lambda: b64(pkcs1_rsa_der())), "MIIEpAIBAAKCAQEA" + "x" * 500
    if name == "@@SEC1DER@@":
        return until_clean(lambda: b64(sec1_ec_der())), "MHcCAQEEI" + "x" * 150
    if name == "@@PEMB64@@":
        return (until_clean(lambda: b64(pem_block("RSA PRIVATE KEY", pkcs1_rsa_der()).encode())),
                "LS0tLS1CRUdJTi" + "x" * 100)
    if name == "@@SSH@@":
        return openssh_key(False), None
    if name == "@@SSHENC@@":
        return openssh_key(True), None
    if name == "@@PEMENC@@":
        return (pem_block("RSA PRIVATE KEY", randbytes(1200),
                          "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC," + rand("HEXU", 32) + "\n\n"), None)
    if name == "@@PPK@@":
        return putty(False), None
    if name == "@@PPKENC@@":
        return putty(True), None
    if name == "@@JWK@@":
        return ('"kty": "EC", "crv": "P-256", "x": "%s", "y": "%s", "d": "%s"'
                % (rand("B64U", 43), rand("B64U", 43), rand("B64U", 43)), None)
    raise KeyError(name)


def apply_edits():
    by_id = {r["id"]: r for r in SECRET_RULES}
    for id, changes in EDITS.items():
        if id == "__moves__":
            continue
        rule = by_id[id]
        for key, value in changes.items():
            rule[{"desc": "desc"}.get(key, key)] = value
    for id, anchor in EDITS.get("__moves__", []):
        rule = by_id[id]
        SECRET_RULES.remove(rule)
        SECRET_RULES.insert(SECRET_RULES.index(by_id[anchor]), rule)


apply_edits()


# ---------------------------------------------------------------- output
def toml_str(s):
    if "'''" not in s and "\r" not in s and not s.endswith("'"):
        if "\n" in s:
            return "'''\n" + s + "'''"
        if "'" not in s:
            return "'" + s + "'"
        return "'''" + s + "'''"
    return json.dumps(s)


def toml_list(xs):
    if not xs:
        return "[]"
    return "[\n" + "".join(f"  {toml_str(x)},\n" for x in xs) + "]"


def open_ended(p):
    """`{a,b}` with a large b becomes `{a,}`: a bounded repetition compiles to b copies."""
    return re.sub(r"\{(\d+),(\d{3,})\}", lambda m: "{%s,}" % m.group(1), p)


def py_pattern(p):
    return p.replace("{assign}", ASSIGN)


def secret_of(rule, text):
    p = py_pattern(rule["pattern"])
    m = re.search(p, text)
    if not m:
        return None
    return m.group(rule["group"] if rule["group"] is not None else (1 if m.re.groups else 0))


SPECIALS = {"@@BASICAUTH@@"}


_COMPILED = {}


def compiled(rule):
    if rule["id"] not in _COMPILED:
        _COMPILED[rule["id"]] = re.compile(py_pattern(rule["pattern"]))
    return _COMPILED[rule["id"]]


def python_matches(rule, text):
    return secret_of(rule, text) is not None


def literal_prefix(template):
    lit = re.match(r"[^{@]*", template).group(0)
    if lit == template or "\n" in lit:
        return ""
    return lit if len(lit) >= 3 and any(c.isalpha() for c in lit) else ""


CHECKSUMMED = {"pypi-macaroon", "macaroon-hex", "der-private-key", "bech32", "base58-check", "bip39",
               "grafana-crc32", "github-crc32", "pem-base64", "embedded-json"}


def bip39_valid(words):
    import hashlib
    try:
        idx = [BIP39_INDEX[w] for w in words]
    except KeyError:
        return False
    bits = "".join(f"{i:011b}" for i in idx)
    cs = len(words) // 3
    ent = int(bits[:-cs], 2).to_bytes((len(bits) - cs) // 8, "big")
    h = "".join(f"{b:08b}" for b in hashlib.sha256(ent).digest())
    return h[:cs] == bits[-cs:]


def corrupt(rule, tok):
    """The token with its checksum broken but its shape intact, or None."""
    v = rule["validator"]
    if v in ("github-crc32", "grafana-crc32"):
        return tok[:-1] + ("A" if tok[-1] != "A" else "B") if v == "github-crc32" else tok[:-1] + ("0" if tok[-1] != "0" else "1")
    if v == "bech32":
        i = len(tok) // 2
        alphabet = BECH.upper() if tok.isupper() else BECH
        return tok[:i] + next(c for c in alphabet if c != tok[i]) + tok[i + 1:]
    if v == "base58-check":
        i = len(tok) // 2
        return tok[:i] + next(c for c in B58 if c != tok[i]) + tok[i + 1:]
    if v == "bip39":
        words = tok.split()
        for w in BIP39:
            if w != words[-1] and not bip39_valid(words[:-1] + [w]) and clean(w):
                return " ".join(words[:-1] + [w])
    return None


def near_misses(rule, tok, var):
    """Negatives one step from a real token: too short, the prefix in the wrong case, a
    placeholder in the token's place, an identifier or type path, a broken checksum."""
    out = []
    ctx = rule["ctx"]
    lit = literal_prefix(rule["template"])
    quote = lambda value: f'{var} = "{value}"'
    if rule["span"] != "block":
        for cut in (2, 1):
            short = tok[: max(len(tok) * cut // 3, len(lit) + 1)]
            if not python_matches(rule, quote(short)) or rule["validator"] in CHECKSUMMED - {"github-crc32"}:
                out.append(quote(short))
                break
        if lit and lit.swapcase() != lit:
            swapped = lit.swapcase() + tok[len(lit):]
            if not python_matches(rule, quote(swapped)):
                out.append(quote(swapped))
    if ctx and rule["span"] != "block":
        out.append(quote(f"your_{var.lower().strip('<>')}_here"))
        out.append(f"{var.lower().strip('<>')}: &'static str = crate::secrets::{var.upper().strip('<>').replace('-', '_')}_NAME;")
    elif lit:
        out.append(quote(lit + "your_key_here"))
        out.append(f'TOKEN_PREFIX = "{lit}"')
    if not ctx and rule["span"] != "block":
        out.append(f"{var}: &'static str = crate::secrets::{rule['id'].upper().replace('-', '_')};")
    bad = corrupt(rule, tok)
    if bad:
        out.append(quote(bad) if rule["span"] != "block" else f'{var} = """{bad}"""')
    return out


out = ["# maestro-scan built-in SECRET rules. Generated by tools/gen_rules.py (edit it, then run",
       "# `python3 tools/gen_rules.py` from the crate directory).",
       "# Token formats are public facts; rule text, regexes and example tokens are ours",
       "# (the example tokens are random strings of the right shape, not real credentials).",
       "# Format: see the crate documentation (`maestro_scan::rule`).",
       "# Rules are grouped by provider family; within the file the order is the priority when two",
       "# rules match overlapping text (the earlier wins), so broad shapes come last.", ""]
order = {name: i for i, (name, _) in enumerate(FAMILIES)}
SECRET_RULES.sort(key=lambda r: order[r["family"]])
ids = set()
current = None
for r in SECRET_RULES:
    assert r["id"] not in ids, r["id"]
    ids.add(r["id"])
    if r["family"] != current:
        current = r["family"]
        kinds = sum(1 for x in SECRET_RULES if x["family"] == current)
        out.append("# " + "=" * 94)
        out.append(f"# family: {current} — {dict(FAMILIES)[current]} ({kinds} rules)")
        out.append("# " + "=" * 94 + "\n")
    if r["template"] == "@@BASICAUTH@@" and r["validator"] == "basic-auth" and r["id"] == "docker-config-auth":
        tok = base64.b64encode(("deploy:" + rand("A62", 24)).encode()).decode()
        ph = base64.b64encode(b"<user>:<password>").decode()
    elif r["template"].startswith("@@") and r["template"].endswith("@@"):
        tok, ph = special_token(r["template"])
        ph = r["ph"] or ph
    elif r["ph"] is not None:
        tok, ph = r["template"], r["ph"]
    else:
        for _ in range(200):
            tok, ph = fill(r["template"])
            secret = secret_of(r, f'{r["ctx"] or "credential"} = "{tok}"') if r["span"] != "block" else None
            if secret is None or entropy(secret) >= r["ent"] + 0.05:
                break
        else:
            raise SystemExit(f"{r['id']}: random tokens rarely reach entropy {r['ent']}")
        if secret is not None:
            state = rng.getstate()
            samples = [secret_of(r, f'{r["ctx"] or "credential"} = "{fill(r["template"])[0]}"') for _ in range(200)]
            rng.setstate(state)
            if r["ctx"]:
                # A rule that already needs a telling name keeps 99.5 % of random tokens: its
                # threshold drops to the 0.5th percentile of their entropy when that is lower.
                ents = sorted(entropy(x) for x in samples if x)
                floor = int(ents[len(ents) // 200] * 10) / 10
                if floor < r["ent"]:
                    r["ent"] = floor
            passing = sum(1 for x in samples if x and entropy(x) >= r["ent"]) / len(samples)
            if passing < 0.99:
                print(f"warning: {r['id']}: only {passing:.0%} of random tokens reach entropy {r['ent']}")
        if "@@JWT@@" in tok:
            jwt_tok, jwt_ph = special_token("@@JWT@@")
            tok, ph = tok.replace("@@JWT@@", jwt_tok), ph.replace("@@JWT@@", jwt_ph)
    ctx = r["ctx"]
    var = ctx or "credential"
    if r["span"] == "block":
        escaped = tok.replace("\n", "\\n")
        pos = [f'{var} = """{tok}"""', f'{{"type": "service_account", "{var.lower()}": "{escaped}\\n"}}']
        neg = [f'{var} = """{ph}"""']
        lines_ = tok.split("\n")
        neg.append(f'{var} = """' + "\n".join(lines_[:-1]) + '"""')
        if lines_[-1].startswith("Private-MAC: "):
            neg.append(f'{var} = """' + "\n".join(lines_[:-1] + [lines_[-1][:21]]) + '"""')
        if lines_[-1].startswith("-----END "):
            neg.append(f'{var} = """' + "\n".join(lines_[:-1] + ["-----END CERTIFICATE-----"]) + '"""')
    else:
        pos = [f'{var} = "{tok}"']
        if ctx and not ctx.startswith("//"):
            pos.append(f"{ctx}: {tok}")
        elif not ctx:
            pos.append(f"# leaked: {tok}")
        neg = [f'{var} = "{ph}"']
        if ctx and not ctx.startswith("//"):
            neg.append(f'unrelated_value = "{tok}"')
            neg.append(f'{ctx} = os.environ["{ctx}"]')
    pos = [p.replace("@@TOK@@", tok) for p in r["pos"]] + pos if r["pos"] else pos
    if r["validator"] == "pem":
        body_bad = tok.split("\n")
        body_bad[1] = "!!!! not base64 !!!!" + body_bad[1][20:]
        neg.append(f'{var} = """' + "\n".join(body_bad) + '"""')
    neg += near_misses(r, tok, var)
    neg += r["neg"]
    # A near miss of this rule that is a real token of another rule is not a near miss.
    neg = [n for n in dict.fromkeys(neg) if not any(
        o is not r and o["conf"] == "high" and o["span"] != "block" and not o["validator"]
        and compiled(o).search(n) for o in SECRET_RULES)]
    # Sanity-check with Python's re (the Rust test is the real check).
    for p in pos:
        assert secret_of(r, p) is not None, (r["id"], p)
    s = secret_of(r, pos[len(r["pos"])])
    if r["span"] != "block":
        assert s == tok or tok.endswith(s) or s in tok, (r["id"], s, tok)
    for n in neg[:1]:
        s2 = secret_of(r, n)
        if s2 is not None and ("xxxx" not in s2.lower()) and not r["validator"] and "word" not in s2:
            raise SystemExit(f"negative matches for {r['id']}: {n}")
    lines = ["[[rule]]", f'id = "{r["id"]}"', 'kind = "secret"', f"description = {toml_str(r['desc'])}",
             "keywords = [" + ", ".join(toml_str(k) for k in r["keywords"]) + "]",
             f"pattern = {toml_str(open_ended(r['pattern']))}"]
    if r["group"] is not None:
        lines.append(f"group = {r['group']}")
    lines.append(f"entropy = {r['ent']}")
    if r["validator"]:
        lines.append(f'validator = "{r["validator"]}"')
    lines.append(f'confidence = "{r["conf"]}"')
    if r["severity"]:
        lines.append(f'severity = "{r["severity"]}"')
    if r["span"]:
        lines.append(f'span = "{r["span"]}"')
    if r["generic"]:
        lines.append("generic = true")
    if r["exact"]:
        lines.append("exact_keywords = true")
    if ctx:
        lines.append(f"context = {toml_str(ctx)}")
    if r["unless"]:
        lines.append(f"unless = {toml_str(r['unless'])}")
    lines.append(f"positive = {toml_list(pos)}")
    lines.append(f"negative = {toml_list(neg)}")
    out.append("\n".join(lines) + "\n")

with open("rules/secrets.toml", "w") as f:
    f.write("\n".join(out))
print(len(SECRET_RULES), "secret rules")


# ================================================================ code rules
CODE_RULES = []
JS = ["javascript", "typescript"]


def K(id, desc, keywords, pattern, cwe, severity, langs, fix, pos, neg, conf="high", unless=None, exact=False):
    CODE_RULES.append(dict(id=id, desc=desc, keywords=keywords, pattern=pattern, cwe=cwe, severity=severity,
                           langs=langs, fix=fix, pos=pos, neg=neg, conf=conf, unless=unless, exact=exact))


SQL = r"(?i:select\s|insert\s+into|update\s+\w+\s+set|delete\s+from)"

# ---- Python
K("python-weak-hash", "MD5 or SHA-1 used through hashlib", ["hashlib."],
  r"\bhashlib\.(?:md5|sha1)\(|\bhashlib\.new\(\s*['\"](?:md5|sha1)['\"]", 328, "medium", ["python"],
  "Use hashlib.sha256 (or pass usedforsecurity=False for a non-security checksum).",
  ["digest = hashlib.md5(password.encode()).hexdigest()", "h = hashlib.new('sha1', data)"],
  ["digest = hashlib.sha256(data).hexdigest()", "etag = hashlib.md5(body, usedforsecurity=False).hexdigest()"],
  unless=r"usedforsecurity\s*=\s*False")
K("python-requests-verify-false", "TLS certificate verification disabled (verify=False)", ["verify"],
  r"\bverify\s*=\s*False\b", 295, "high", ["python"],
  "Keep verify=True (the default) or pass the path of a CA bundle.",
  ["r = requests.get(url, verify=False)"], ["r = requests.get(url, verify=True)", "r = requests.get(url, verify='/etc/ssl/ca.pem')"])
K("python-ssl-unverified-context", "TLS verification disabled through the ssl module", ["_create_unverified_context", "cert_none"],
  r"\bssl\._create_unverified_context\(|\bcert_reqs\s*=\s*(?:ssl\.)?CERT_NONE\b|\.verify_mode\s*=\s*(?:ssl\.)?CERT_NONE\b", 295, "high", ["python"],
  "Use ssl.create_default_context() and keep certificate verification on.",
  ["ctx = ssl._create_unverified_context()", "ctx.verify_mode = ssl.CERT_NONE"], ["ctx = ssl.create_default_context()"])
K("python-subprocess-shell", "subprocess call with shell=True", ["shell"],
  r"\bsubprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)\([^\n]*\bshell\s*=\s*True", 78, "high", ["python"],
  "Pass the command as a list of arguments and drop shell=True.",
  ["subprocess.run(f\"tar xf {name}\", shell=True)"], ["subprocess.run([\"tar\", \"xf\", name])", "subprocess.run(cmd, shell=False)"])
K("python-os-system", "Shell command through os.system / os.popen", ["os.system", "os.popen"],
  r"\bos\.(?:system|popen)\(\s*(?:f['\"]|[^'\")\s]|['\"][^'\"]*['\"]\s*(?:\+|%|\.format\())", 78, "high", ["python"],
  "Use subprocess.run with a list of arguments instead of a shell string.",
  ["os.system(\"rm -rf \" + path)", "os.popen(cmd).read()"], ["os.system('clear')", "subprocess.run(['ls', path])"])
K("python-eval", "eval/exec of a non-literal expression", ["eval(", "exec("],
  r"(?:^|[^.\w])(?:eval|exec)\(\s*[^'\"\s)]", 95, "medium", ["python"],
  "Never evaluate input; use ast.literal_eval for data or an explicit dispatch table.",
  ["exec(user_code)", "value = eval(expr, namespace)"],
  ["value = ast.literal_eval(text)", "model.eval()", "result = eval('1 + 1')", "result = eval(request.args['expr'])"],
  unless=r"(?:eval|exec)\(\s*(?:input\(|request\.|sys\.argv|os\.environ)")
K("python-eval-input", "eval/exec of user input (request data, input(), argv, environment)", ["eval(", "exec("],
  r"(?:^|[^.\w])(?:eval|exec)\(\s*(?:input\(|request\.|sys\.argv|os\.environ)", 95, "critical", ["python"],
  "Never evaluate input; parse it (ast.literal_eval, json.loads) or map it through an allow-list.",
  ["result = eval(request.args['expr'])", "exec(input('> '))"], ["exec(compiled_code)", "value = ast.literal_eval(request.data)"])
K("python-pickle-load", "Unsafe deserialisation with pickle", ["pickle.load", "cpickle.load", "dill.load"],
  r"\b(?:c?[Pp]ickle|dill)\.loads?\(", 502, "high", ["python"],
  "Do not unpickle untrusted data; use JSON or a schema-checked format.",
  ["obj = pickle.loads(request.data)"], ["data = json.loads(request.data)", "pickle.dumps(obj)"])
K("python-yaml-load", "yaml.load without a safe loader", ["yaml.load", "yaml.unsafe_load"],
  r"\byaml\.(?:load|load_all|unsafe_load)\(", 502, "high", ["python"],
  "Use yaml.safe_load (or Loader=yaml.SafeLoader).",
  ["cfg = yaml.load(stream)", "cfg = yaml.load(stream, Loader=yaml.Loader)"],
  ["cfg = yaml.safe_load(stream)", "cfg = yaml.load(stream, Loader=yaml.SafeLoader)"],
  unless=r"Loader\s*=\s*(?:yaml\.)?C?SafeLoader")
K("python-sql-format", "SQL built with string formatting passed to execute()", ["execute"],
  r"\.execute(?:many)?\(\s*(?:f\"" + SQL + r"[^\"\n]*\{|f'" + SQL + r"[^'\n]*\{|\"" + SQL + r"[^\"\n]*\"\s*(?:%\s*[\w(]|\+|\.format\()|'" + SQL + r"[^'\n]*'\s*(?:%\s*[\w(]|\+|\.format\())", 89, "high", ["python"],
  "Use a parameterised query: cursor.execute(\"... WHERE id = %s\", (value,)).",
  ["cur.execute(f\"SELECT * FROM users WHERE name = '{name}'\")", "cur.execute(\"DELETE FROM t WHERE id = \" + item_id)"],
  ["cur.execute(\"SELECT * FROM users WHERE name = %s\", (name,))"])
K("python-insecure-random", "random module used for a security value", ["random."],
  r"(?i:token|password|passwd|secret|nonce|salt|otp|session_?id|api_?key)\w*\s*=\s*[^\n]*\brandom\.(?:random|randint|randrange|choice|choices|getrandbits|sample)\(", 330, "medium", ["python"],
  "Use the secrets module (secrets.token_urlsafe, secrets.choice).",
  ["reset_token = ''.join(random.choice(alphabet) for _ in range(32))"],
  ["reset_token = secrets.token_urlsafe(32)", "delay = random.random() * 2"])
K("python-tempfile-mktemp", "Race-prone tempfile.mktemp", ["mktemp("],
  r"\btempfile\.mktemp\(|(?:^|[^.\w])mktemp\(\)", 377, "medium", ["python"],
  "Use tempfile.mkstemp or tempfile.NamedTemporaryFile.",
  ["path = tempfile.mktemp()"], ["fd, path = tempfile.mkstemp()"])
K("python-path-traversal", "File opened from request data without validation", ["request."],
  r"\b(?:open|send_file|send_from_directory|os\.path\.join)\([^\n]*\brequest\.(?:args|form|values|GET|POST|files|json)", 22, "high", ["python"],
  "Resolve the path and check it stays inside the allowed directory (or use werkzeug.utils.safe_join).",
  ["return send_file(request.args['name'])", "f = open(os.path.join(BASE, request.args['p']))"],
  ["return send_file(safe_join(BASE, name))"])
K("python-hardcoded-password", "Hard-coded password literal", ["passw", "pwd"],
  r"(?i:\b\w*(?:password|passwd|pwd))\s*=\s*['\"][^'\"\s{}$<>]{4,}['\"]", 798, "medium", ["python"],
  "Read the password from the environment or a secret store.",
  ["db_password = \"hunter2!\""],
  ["db_password = os.environ[\"DB_PASSWORD\"]", "password = \"\"", "password = \"<your-password>\""],
  unless=r"(?i)(?:xxxx|changeme|example|placeholder|your[_-]|\*\*\*)")
K("python-weak-cipher", "Weak cipher or ECB mode (DES, RC4, Blowfish, ECB)", ["des.new", "des3.new", "arc4.new", "arc2.new", "blowfish.new", "mode_ecb", "modes.ecb", "algorithms."],
  r"\b(?:DES3?|ARC4|ARC2|Blowfish)\.new\(|\bMODE_ECB\b|\bmodes\.ECB\(|\balgorithms\.(?:TripleDES|ARC4|Blowfish)\(", 327, "high", ["python"],
  "Use AES-GCM or ChaCha20-Poly1305.",
  ["cipher = DES.new(key, DES.MODE_CBC, iv)", "cipher = AES.new(key, AES.MODE_ECB)"],
  ["cipher = AES.new(key, AES.MODE_GCM)"])
K("python-jinja-autoescape-off", "Template autoescaping disabled", ["autoescape"],
  r"\bautoescape\s*=\s*False\b", 79, "high", ["python"],
  "Enable autoescaping (autoescape=select_autoescape()).",
  ["env = Environment(loader=loader, autoescape=False)"], ["env = Environment(loader=loader, autoescape=True)"])
K("python-flask-debug", "Flask debug mode enabled", ["debug"],
  r"\.run\([^\n]*\bdebug\s*=\s*True", 489, "medium", ["python"],
  "Never run with debug=True outside development; read it from configuration.",
  ["app.run(host='0.0.0.0', debug=True)"], ["app.run(host='127.0.0.1')"])
K("python-marshal-load", "Unsafe deserialisation with marshal or shelve", ["marshal.load", "shelve.open"],
  r"\bmarshal\.loads?\(|\bshelve\.open\(", 502, "medium", ["python"],
  "Do not load marshal/shelve data from untrusted sources; use JSON.",
  ["code = marshal.loads(blob)"], ["blob = marshal.dumps(code)"])

# ---- JavaScript / TypeScript
K("js-eval", "eval or new Function of a non-literal", ["eval(", "function("],
  r"(?:^|[^.\w])eval\(\s*[^'\"`\s)]|\bnew\s+Function\(\s*[^)]", 95, "high", JS,
  "Do not evaluate strings; parse data with JSON.parse or use a lookup table.",
  ["const out = eval(req.query.expr);", "const fn = new Function('a', body);"],
  ["const out = JSON.parse(text);", "const x = eval('2 + 2');"])
K("js-inner-html", "Assignment to innerHTML / outerHTML", ["innerhtml", "outerhtml"],
  r"\.(?:innerHTML|outerHTML)\s*\+?=\s*[^'\"`\s;]", 79, "high", JS,
  "Use textContent, or sanitise with DOMPurify before inserting HTML.",
  ["el.innerHTML = userComment;", "row.outerHTML += html;"], ["el.textContent = userComment;", "el.innerHTML = '';"])
K("js-dangerously-set-inner-html", "React dangerouslySetInnerHTML", ["dangerouslysetinnerhtml"],
  r"\bdangerouslySetInnerHTML\s*=\s*\{", 79, "medium", JS,
  "Render text as children, or sanitise the HTML (DOMPurify) before passing it.",
  ["<div dangerouslySetInnerHTML={{ __html: post.body }} />"], ["<div>{post.body}</div>"])
K("js-document-write", "document.write with dynamic content", ["document.write"],
  r"\bdocument\.write(?:ln)?\(\s*[^'\"`\s)]", 79, "medium", JS,
  "Build DOM nodes with createElement/textContent instead.",
  ["document.write(location.hash);"], ["document.write('<p>static</p>');"])
K("js-insecure-random", "Math.random() used for a security value", ["math.random"],
  r"(?i:token|password|secret|nonce|salt|otp|session_?id|api_?key|csrf)\w*\s*[:=]\s*[^\n]*\bMath\.random\(\)", 330, "medium", JS,
  "Use crypto.randomUUID() or crypto.getRandomValues().",
  ["const resetToken = Math.random().toString(36).slice(2);"], ["const resetToken = crypto.randomUUID();", "const jitter = Math.random() * 100;"])
K("js-child-process-exec", "child_process exec with an interpolated command", ["exec"],
  r"\bexec(?:Sync)?\(\s*(?:`[^`]*\$\{|['\"][^'\"]*['\"]\s*\+)", 78, "high", JS,
  "Use execFile/spawn with an argument array.",
  ["exec(`git clone ${url}`, cb);", "execSync('convert ' + file);"], ["execFile('git', ['clone', url], cb);"])
K("js-tls-reject-unauthorized", "TLS verification disabled (rejectUnauthorized / NODE_TLS_REJECT_UNAUTHORIZED)", ["rejectunauthorized", "node_tls_reject_unauthorized"],
  r"\brejectUnauthorized\s*:\s*false\b|\bNODE_TLS_REJECT_UNAUTHORIZED\s*=\s*['\"]?0", 295, "high", JS,
  "Keep certificate verification on; add the CA with the `ca` option instead.",
  ["const agent = new https.Agent({ rejectUnauthorized: false });", "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';"],
  ["const agent = new https.Agent({ ca: caPem });"])
K("js-sql-concat", "SQL built by concatenation or template passed to query()", ["query(", "execute(", "raw("],
  r"\.(?:query|execute|raw)\(\s*(?:`" + SQL + r"[^`]*\$\{|['\"]" + SQL + r"[^'\"]*['\"]\s*\+)", 89, "high", JS,
  "Use placeholders: db.query('... WHERE id = $1', [id]).",
  ["db.query(`SELECT * FROM users WHERE id = ${req.params.id}`);", "conn.query(\"DELETE FROM t WHERE id = \" + id);"],
  ["db.query('SELECT * FROM users WHERE id = $1', [id]);"])
K("js-weak-hash", "MD5 or SHA-1 via crypto.createHash", ["createhash"],
  r"\bcreateHash\(\s*['\"](?i:md5|sha1)['\"]", 328, "medium", JS,
  "Use sha256 or stronger (and a password hash such as scrypt for passwords).",
  ["const h = crypto.createHash('md5').update(pw).digest('hex');"], ["const h = crypto.createHash('sha256');"])
K("js-weak-cipher", "Weak cipher or ECB mode via crypto.createCipher", ["createcipher"],
  r"\bcreateCipher(?:iv)?\(\s*['\"](?i:des|des-ede3?|des-ede3-cbc|rc4|bf|blowfish|aes-\d+-ecb)[^'\"]*['\"]|\bcreateCipher\(", 327, "high", JS,
  "Use createCipheriv('aes-256-gcm', key, iv).",
  ["const c = crypto.createCipheriv('des-ede3-cbc', key, iv);"], ["const c = crypto.createCipheriv('aes-256-gcm', key, iv);"])
K("js-path-traversal", "File read from a request parameter", ["req."],
  r"\b(?:readFile|readFileSync|createReadStream|sendFile|unlink|unlinkSync)\([^\n]*\breq\.(?:params|query|body)", 22, "high", JS,
  "Resolve the path and verify it stays under the allowed root before using it.",
  ["fs.readFile(req.query.file, cb);"], ["fs.readFile(path.join(ROOT, safeName), cb);"])
K("js-unsafe-deserialize", "Unsafe deserialisation (node-serialize / js-yaml load)", ["unserialize", "yaml.load"],
  r"\b(?:serialize\.)?unserialize\(|\byaml\.load\(\s*[^,)]+\)", 502, "high", JS,
  "Do not deserialise untrusted data with code-executing formats; use JSON.parse or yaml.load with the default safe schema (js-yaml 4).",
  ["const obj = serialize.unserialize(req.cookies.profile);"], ["const obj = JSON.parse(req.cookies.profile);"])
K("js-hardcoded-password", "Hard-coded password literal", ["passw"],
  r"(?i:\b\w*(?:password|passwd))\s*[:=]\s*['\"][^'\"\s{}$<>]{4,}['\"]", 798, "medium", JS,
  "Read credentials from the environment or a secret manager.",
  ["const dbPassword = 'hunter2!';"], ["const dbPassword = process.env.DB_PASSWORD;"],
  unless=r"(?i)(?:xxxx|changeme|example|placeholder|your[_-]|\*\*\*)")

# ---- Go
K("go-insecure-skip-verify", "TLS verification disabled (InsecureSkipVerify: true)", ["insecureskipverify"],
  r"\bInsecureSkipVerify\s*:\s*true\b", 295, "high", ["go"],
  "Remove InsecureSkipVerify; add the CA to RootCAs instead.",
  ["cfg := &tls.Config{InsecureSkipVerify: true}"], ["cfg := &tls.Config{MinVersion: tls.VersionTLS12}"])
K("go-weak-hash", "MD5 or SHA-1 (crypto/md5, crypto/sha1)", ["md5.", "sha1."],
  r"\b(?:md5|sha1)\.(?:New|Sum)\(", 328, "medium", ["go"],
  "Use crypto/sha256 (or a password hash such as bcrypt/argon2 for passwords).",
  ["sum := md5.Sum([]byte(password))"], ["sum := sha256.Sum256(data)"])
K("go-math-rand", "math/rand imported (not a CSPRNG)", ["math/rand"],
  r"\"math/rand(?:/v2)?\"", 330, "low", ["go"],
  "Use crypto/rand for tokens, keys and nonces.",
  ["import \"math/rand\""], ["import \"crypto/rand\""], conf="low")
K("go-sql-sprintf", "SQL built with fmt.Sprintf or concatenation passed to Query/Exec", ["query", "exec"],
  r"\.(?:Query|QueryRow|Exec)(?:Context)?\([^\n]*(?:fmt\.Sprintf\(\s*\"" + SQL + r"|\"" + SQL + r"[^\"]*\"\s*\+)", 89, "high", ["go"],
  "Use placeholders: db.Query(\"... WHERE id = $1\", id).",
  ["rows, err := db.Query(fmt.Sprintf(\"SELECT * FROM users WHERE name = '%s'\", name))"],
  ["rows, err := db.Query(\"SELECT * FROM users WHERE name = $1\", name)"])
K("go-exec-shell", "exec.Command running a shell with -c", ["exec.command"],
  r"\bexec\.Command(?:Context)?\([^\n]*\"(?:/bin/)?(?:sh|bash|zsh)\"\s*,\s*\"-c\"", 78, "high", ["go"],
  "Run the program directly with separate arguments instead of through a shell.",
  ["cmd := exec.Command(\"sh\", \"-c\", \"tar xf \"+name)"], ["cmd := exec.Command(\"tar\", \"xf\", name)"])
K("go-weak-cipher", "DES, 3DES or RC4 cipher", ["des.new", "rc4.newcipher"],
  r"\bdes\.New(?:TripleDES)?Cipher\(|\brc4\.NewCipher\(", 327, "high", ["go"],
  "Use AES-GCM (crypto/cipher.NewGCM) or chacha20poly1305.",
  ["block, err := des.NewCipher(key)"], ["block, err := aes.NewCipher(key)"])
K("go-path-traversal", "File opened from request data", ["r.url", "formvalue", "r.form"],
  r"\b(?:os\.(?:Open|OpenFile|ReadFile|Remove)|ioutil\.ReadFile|http\.ServeFile)\([^\n]*\br\.(?:URL\.Query\(\)|FormValue\(|Form\b|URL\.Path)", 22, "high", ["go"],
  "Clean the path, join it to a fixed root and check the result stays inside it.",
  ["data, err := os.ReadFile(r.URL.Query().Get(\"file\"))"], ["data, err := os.ReadFile(filepath.Join(root, name))"])
K("go-template-html", "Unescaped HTML through template.HTML", ["template.html("],
  r"\btemplate\.HTML\(\s*[^\"`)]", 79, "medium", ["go"],
  "Let html/template escape the value; only wrap trusted constants in template.HTML.",
  ["out := template.HTML(r.FormValue(\"bio\"))"], ["out := template.HTML(\"<b>static</b>\")"])

# ---- Java
K("java-sql-concat", "SQL built by concatenation in a JDBC call", ["execute", "preparestatement", "createquery"],
  r"\.(?:executeQuery|executeUpdate|execute|prepareStatement|createQuery|createNativeQuery)\(\s*\"" + SQL + r"[^\"]*\"\s*\+", 89, "high", ["java"],
  "Use a PreparedStatement with ? placeholders.",
  ["ResultSet rs = stmt.executeQuery(\"SELECT * FROM users WHERE id = \" + id);"],
  ["PreparedStatement ps = conn.prepareStatement(\"SELECT * FROM users WHERE id = ?\");"])
K("java-runtime-exec", "Runtime.exec with a built command string", ["runtime.getruntime"],
  r"\bRuntime\.getRuntime\(\)\.exec\(\s*(?:\"[^\"]*\"\s*\+|[a-zA-Z_]\w*\s*\))", 78, "high", ["java"],
  "Use ProcessBuilder with a list of arguments.",
  ["Runtime.getRuntime().exec(\"ping \" + host);"], ["new ProcessBuilder(\"ping\", host).start();"])
K("java-weak-hash", "MD5 or SHA-1 MessageDigest", ["messagedigest.getinstance"],
  r"\bMessageDigest\.getInstance\(\s*\"(?i:md5|md2|sha-?1)\"", 328, "medium", ["java"],
  "Use SHA-256 or stronger; use a password hash (bcrypt/argon2) for passwords.",
  ["MessageDigest md = MessageDigest.getInstance(\"MD5\");"], ["MessageDigest md = MessageDigest.getInstance(\"SHA-256\");"])
K("java-weak-cipher", "Weak cipher or ECB mode in Cipher.getInstance", ["cipher.getinstance"],
  r"\bCipher\.getInstance\(\s*\"(?:DES|DESede|RC4|RC2|Blowfish|AES|AES/ECB[^\"]*|[^\"]*/ECB/[^\"]*)\"", 327, "high", ["java"],
  "Use \"AES/GCM/NoPadding\" with a random 12-byte IV.",
  ["Cipher c = Cipher.getInstance(\"AES/ECB/PKCS5Padding\");", "Cipher c = Cipher.getInstance(\"DES\");"],
  ["Cipher c = Cipher.getInstance(\"AES/GCM/NoPadding\");"])
K("java-object-input-stream", "Java native deserialisation (ObjectInputStream)", ["objectinputstream"],
  r"\bnew\s+ObjectInputStream\(", 502, "high", ["java"],
  "Avoid native deserialisation of untrusted data; use JSON or an ObjectInputFilter allow-list.",
  ["ObjectInputStream in = new ObjectInputStream(socket.getInputStream());"], ["ObjectOutputStream out = new ObjectOutputStream(os);"])
K("java-trust-all", "Certificate or hostname verification disabled", ["hostnameverifier", "trustmanager", "allow_all"],
  r"\bNoopHostnameVerifier\b|\bALLOW_ALL_HOSTNAME_VERIFIER\b|\bsetHostnameVerifier\(\s*\([^)]*\)\s*->\s*true|\bInsecureTrustManagerFactory\b", 295, "high", ["java"],
  "Keep the default trust manager and hostname verifier; add your CA to a trust store.",
  ["conn.setHostnameVerifier((h, s) -> true);", "builder.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);"],
  ["conn.setHostnameVerifier(HttpsURLConnection.getDefaultHostnameVerifier());"])
K("java-insecure-random", "java.util.Random for a security value", ["random("],
  r"(?i:token|password|secret|nonce|salt|otp|sessionid|apikey)\w*\s*=\s*new\s+(?:java\.util\.)?Random\(", 330, "medium", ["java", "csharp"],
  "Use SecureRandom (Java) or RandomNumberGenerator (C#).",
  ["Random tokenRng = new Random();", "var tokenGen = new Random();"],
  ["SecureRandom tokenRng = new SecureRandom();"])

# ---- Rust
K("rust-danger-accept-invalid-certs", "TLS verification disabled (danger_accept_invalid_certs)", ["danger_accept_invalid"],
  r"\.danger_accept_invalid_(?:certs|hostnames)\(\s*true\s*\)", 295, "high", ["rust"],
  "Remove it; add the CA with add_root_certificate instead.",
  ["let client = reqwest::Client::builder().danger_accept_invalid_certs(true).build()?;"],
  ["let client = reqwest::Client::builder().danger_accept_invalid_certs(false).build()?;"])
K("rust-weak-hash", "MD5 or SHA-1 digest", ["md5", "sha1"],
  r"\bmd5::compute\(|\bMd5::(?:new|digest)\(|\bSha1::(?:new|digest)\(", 328, "medium", ["rust"],
  "Use sha2::Sha256 (or argon2 for passwords).",
  ["let digest = md5::compute(password);"], ["let digest = Sha256::digest(data);"])
K("rust-command-shell", "std::process::Command running a shell with -c", ["command::new"],
  r"\bCommand::new\(\s*\"(?:/bin/)?(?:sh|bash|zsh|cmd|cmd\.exe)\"\s*\)\s*\.args?\(\s*(?:\[\s*)?\"(?:-c|/C)\"", 78, "high", ["rust"],
  "Run the program directly and pass arguments with .arg(), not through a shell.",
  ["let out = Command::new(\"sh\").arg(\"-c\").arg(user_cmd).output()?;"], ["let out = Command::new(\"git\").arg(\"status\").output()?;"])
K("rust-sql-format", "SQL built with format! passed to a query", ["format!("],
  r"\b(?:query|query_as|execute|query_scalar|prepare)(?:::<[^>]*>)?\(\s*&?format!\(\s*\"" + SQL, 89, "high", ["rust"],
  "Use bind parameters: sqlx::query(\"... WHERE id = $1\").bind(id).",
  ["let rows = sqlx::query(&format!(\"SELECT * FROM users WHERE name = '{}'\", name));"],
  ["let rows = sqlx::query(\"SELECT * FROM users WHERE name = $1\").bind(name);"])

# ---- Ruby
K("ruby-eval", "eval of request data", ["eval"],
  r"\b(?:eval|instance_eval|class_eval|module_eval)\s*\(?\s*params\b", 95, "high", ["ruby"],
  "Never evaluate request data; map allowed values explicitly.",
  ["eval(params[:expr])"], ["value = Integer(params[:n])"])
K("ruby-command-interpolation", "Shell command with string interpolation", ["system", "exec", "spawn", "popen", "open3", "%x{"],
  r"\b(?:system|exec|spawn|IO\.popen|Open3\.\w+)\s*\(?\s*\"[^\"]*#\{|%x\{[^}]*#\{", 78, "high", ["ruby"],
  "Pass the command and its arguments separately: system(\"tar\", \"xf\", name).",
  ["system(\"tar xf #{params[:file]}\")"], ["system(\"tar\", \"xf\", file)"])
K("ruby-sql-interpolation", "SQL built by interpolation in ActiveRecord", ["where", "find_by_sql", "execute", "order"],
  r"\.(?:where|find_by_sql|execute|order|select|joins|having|exec_query)\(\s*\"[^\"]*#\{", 89, "high", ["ruby"],
  "Use placeholders: where(\"name = ?\", name) or hash conditions.",
  ["User.where(\"name = '#{params[:name]}'\")"], ["User.where(name: params[:name])"])
K("ruby-unsafe-deserialize", "Marshal.load or YAML.load of data", ["marshal.load", "yaml.load"],
  r"\bMarshal\.(?:load|restore)\(|\b(?:YAML|Psych)\.(?:load|unsafe_load)\(", 502, "high", ["ruby"],
  "Use JSON, or YAML.safe_load with permitted classes.",
  ["obj = Marshal.load(cookies[:session])"], ["obj = YAML.safe_load(text)"])
K("ruby-ssl-verify-none", "TLS verification disabled (VERIFY_NONE)", ["verify_none"],
  r"\bOpenSSL::SSL::VERIFY_NONE\b", 295, "high", ["ruby"],
  "Use OpenSSL::SSL::VERIFY_PEER (the default).",
  ["http.verify_mode = OpenSSL::SSL::VERIFY_NONE"], ["http.verify_mode = OpenSSL::SSL::VERIFY_PEER"])
K("ruby-html-safe", "Output marked html_safe / raw", ["html_safe", "raw("],
  r"\.html_safe\b|(?:<%=|^|[^.\w])raw\(\s*[^'\"\s)]", 79, "medium", ["ruby"],
  "Let the template escape; sanitise with sanitize() if HTML is required.",
  ["<%= @comment.body.html_safe %>"], ["<%= @comment.body %>"])

# ---- PHP
K("php-eval", "eval of a variable", ["eval"],
  r"\b(?:eval|assert|create_function)\s*\(\s*\$", 95, "high", ["php"],
  "Never evaluate input; dispatch through an explicit allow-list.",
  ["eval($_GET['code']);"], ["echo htmlspecialchars($code);"])
K("php-command-injection", "Shell command built from request data", ["system", "exec", "passthru", "popen", "proc_open", "shell_exec"],
  r"\b(?:system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec)\s*\([^\n]*\$_(?:GET|POST|REQUEST|COOKIE|SERVER)", 78, "critical", ["php"],
  "Avoid the shell; if unavoidable, escape each argument with escapeshellarg().",
  ["system('ping -c 1 ' . $_GET['host']);"], ["system('ping -c 1 ' . escapeshellarg($host));"])
K("php-sql-injection", "SQL built from request data", ["$_get", "$_post", "$_request", "$_cookie"],
  r"\b(?:mysql_query|mysqli_query|pg_query|->query|->exec)\s*\([^\n]*\$_(?:GET|POST|REQUEST|COOKIE)", 89, "critical", ["php"],
  "Use PDO prepared statements with bound parameters.",
  ["$r = $db->query(\"SELECT * FROM users WHERE id = \" . $_GET['id']);"],
  ["$stmt = $db->prepare('SELECT * FROM users WHERE id = ?');"])
K("php-unserialize", "unserialize of request data", ["unserialize"],
  r"\bunserialize\s*\(\s*(?:\$_(?:GET|POST|REQUEST|COOKIE)|base64_decode\(\s*\$_)", 502, "high", ["php"],
  "Use json_decode, or unserialize with ['allowed_classes' => false] on trusted data only.",
  ["$obj = unserialize($_COOKIE['cart']);"], ["$obj = json_decode($_COOKIE['cart'], true);"])
K("php-file-inclusion", "include/require of request data", ["include", "require"],
  r"\b(?:include|require)(?:_once)?\s*\(?\s*[^;\n]*\$_(?:GET|POST|REQUEST|COOKIE)", 98, "critical", ["php"],
  "Map request values to a fixed list of files.",
  ["include($_GET['page'] . '.php');"], ["include __DIR__ . '/pages/home.php';"])
K("php-path-traversal", "File read from request data", ["file_get_contents", "fopen", "readfile", "unlink"],
  r"\b(?:file_get_contents|fopen|readfile|file|unlink|file_put_contents)\s*\(\s*[^\n,)]*\$_(?:GET|POST|REQUEST|COOKIE)", 22, "high", ["php"],
  "Use basename() and a fixed directory, then check realpath() stays inside it.",
  ["echo file_get_contents('/var/data/' . $_GET['f']);"], ["echo file_get_contents('/var/data/' . basename($f));"])
K("php-echo-xss", "Request data echoed without escaping", ["echo", "print"],
  r"\b(?:echo|print)\s*\(?\s*\$_(?:GET|POST|REQUEST|COOKIE)", 79, "high", ["php"],
  "Escape output with htmlspecialchars($value, ENT_QUOTES, 'UTF-8').",
  ["echo $_GET['name'];"], ["echo htmlspecialchars($_GET['name'], ENT_QUOTES, 'UTF-8');"])
K("php-weak-hash", "md5/sha1 used on a password", ["md5(", "sha1("],
  r"\b(?:md5|sha1)\s*\(\s*\$\w*(?i:pass|pwd)", 328, "high", ["php"],
  "Use password_hash() and password_verify().",
  ["$hash = md5($password);"], ["$hash = password_hash($password, PASSWORD_DEFAULT);"])
K("php-curl-no-verify", "cURL TLS verification disabled", ["curlopt_ssl_verify"],
  r"\bCURLOPT_SSL_VERIFY(?:PEER|HOST)\s*,\s*(?:false|0)\b", 295, "high", ["php"],
  "Keep CURLOPT_SSL_VERIFYPEER true and CURLOPT_SSL_VERIFYHOST 2.",
  ["curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);"], ["curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);"])
K("php-insecure-random", "rand/mt_rand used for a security value", ["rand("],
  r"\$\w*(?i:token|password|secret|nonce|salt|otp|key)\w*\s*=\s*[^\n;]*\b(?:mt_)?rand\(", 330, "medium", ["php"],
  "Use random_bytes() or random_int().",
  ["$token = md5(mt_rand());"], ["$token = bin2hex(random_bytes(32));"])

# ---- C#
K("csharp-sql-concat", "SQL built by concatenation or interpolation in SqlCommand", ["sqlcommand", "executesqlraw", "fromsqlraw"],
  r"\b(?:new\s+SqlCommand|ExecuteSqlRaw|FromSqlRaw)\(\s*(?:\"" + SQL + r"[^\"]*\"\s*\+|\$\"" + SQL + r"[^\"]*\{)", 89, "high", ["csharp"],
  "Use SqlParameter / parameterised queries (or FromSqlInterpolated).",
  ["var cmd = new SqlCommand(\"SELECT * FROM Users WHERE Name = '\" + name + \"'\", conn);"],
  ["var cmd = new SqlCommand(\"SELECT * FROM Users WHERE Name = @name\", conn);"])
K("csharp-process-shell", "Process.Start of a shell", ["process.start", "processstartinfo"],
  r"\b(?:Process\.Start|new\s+ProcessStartInfo)\(\s*\"(?:cmd(?:\.exe)?|/bin/(?:ba)?sh|bash|powershell(?:\.exe)?)\"\s*,", 78, "high", ["csharp"],
  "Start the program directly with ArgumentList instead of a shell string.",
  ["Process.Start(\"cmd.exe\", \"/C \" + userInput);"], ["Process.Start(new ProcessStartInfo(\"git\") { ArgumentList = { \"status\" } });"])
K("csharp-weak-hash", "MD5 or SHA-1", ["md5", "sha1"],
  r"\b(?:MD5|SHA1)\.Create\(\)|\bnew\s+(?:MD5|SHA1)(?:CryptoServiceProvider|Managed)\(\)|\b(?:MD5|SHA1)\.HashData\(", 328, "medium", ["csharp"],
  "Use SHA256 (or Rfc2898DeriveBytes / a password hash for passwords).",
  ["using var md5 = MD5.Create();"], ["using var sha = SHA256.Create();"])
K("csharp-cert-validation-disabled", "Server certificate validation callback always returns true", ["certificatevalidationcallback", "certificatecustomvalidationcallback"],
  r"\b(?:ServerCertificateValidationCallback|ServerCertificateCustomValidationCallback)\s*(?:\+?=)\s*(?:\([^)]*\)|\w+)\s*=>\s*true\b|DangerousAcceptAnyServerCertificateValidator", 295, "high", ["csharp"],
  "Remove the callback, or validate the chain/thumbprint explicitly.",
  ["ServicePointManager.ServerCertificateValidationCallback += (s, c, ch, e) => true;"],
  ["handler.ServerCertificateCustomValidationCallback = ValidatePinned;"])
K("csharp-binary-formatter", "BinaryFormatter / insecure deserialiser", ["binaryformatter", "netdatacontractserializer", "losformatter", "typenamehandling"],
  r"\bnew\s+(?:BinaryFormatter|NetDataContractSerializer|LosFormatter|SoapFormatter)\(|\bTypeNameHandling\s*=\s*TypeNameHandling\.(?:All|Auto|Objects)", 502, "high", ["csharp"],
  "Use System.Text.Json with known types.",
  ["var obj = new BinaryFormatter().Deserialize(stream);"], ["var obj = JsonSerializer.Deserialize<Order>(stream);"])
K("csharp-weak-cipher", "DES, 3DES, RC2 or ECB mode", ["des.create", "rc2.create", "descryptoserviceprovider", "rc2cryptoserviceprovider", "ciphermode.ecb"],
  r"\b(?:DES|TripleDES|RC2)\.Create\(\)|\bnew\s+(?:DES|TripleDES|RC2)CryptoServiceProvider\(\)|\bCipherMode\.ECB\b", 327, "high", ["csharp"],
  "Use AesGcm.",
  ["using var des = DES.Create();", "aes.Mode = CipherMode.ECB;"], ["using var aes = new AesGcm(key, 16);"])
K("csharp-path-traversal", "File read from request data", ["request."],
  r"\b(?:File\.(?:ReadAllText|ReadAllBytes|OpenRead|Delete)|PhysicalFile)\([^\n]*\bRequest\.(?:Query|Form)\[", 22, "high", ["csharp"],
  "Use Path.GetFileName and a fixed root, then verify Path.GetFullPath stays inside it.",
  ["var text = File.ReadAllText(Request.Query[\"file\"]);"], ["var text = File.ReadAllText(Path.Combine(root, Path.GetFileName(name)));"])

# ---- shell
K("shell-curl-insecure", "curl with TLS verification disabled (-k / --insecure)", ["curl"],
  r"\bcurl\b[^\n|;]*\s(?:-k|--insecure|-[a-zA-Z]*k[a-zA-Z]*)(?:\s|$)", 295, "high", ["shell"],
  "Drop -k; pass the CA with --cacert.",
  ["curl -k https://internal.example.net/api"], ["curl --cacert ca.pem https://internal.example.net/api"])
K("shell-wget-no-check", "wget with --no-check-certificate", ["no-check-certificate"],
  r"\bwget\b[^\n|;]*--no-check-certificate\b", 295, "high", ["shell"],
  "Remove --no-check-certificate; use --ca-certificate.",
  ["wget --no-check-certificate https://internal.example.net/file"], ["wget https://internal.example.net/file"])
K("shell-curl-pipe-shell", "Remote script piped straight into a shell", ["| sh", "|sh", "| bash", "|bash", "| sudo"],
  r"\b(?:curl|wget)\b[^\n|]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b", 494, "medium", ["shell"],
  "Download, verify the checksum or signature, then run.",
  ["curl -fsSL https://get.example.sh | sh"], ["curl -fsSLO https://get.example.sh/install.sh && sha256sum -c install.sh.sha256"])
K("shell-eval-variable", "eval of a variable", ["eval"],
  r"(?:^|[;&|]\s*|\s)eval\s+[\"']?\$", 95, "high", ["shell"],
  "Avoid eval; use arrays for commands and case statements for dispatch.",
  ["eval \"$USER_CMD\""], ["\"${cmd[@]}\""])
K("shell-chmod-world-writable", "World-writable permissions (chmod 777/666)", ["chmod"],
  r"\bchmod\s+(?:-R\s+)?0?(?:777|666|o\+w|a\+w)\b", 732, "medium", ["shell"],
  "Grant the least permission needed (e.g. 755 / 644).",
  ["chmod 777 /var/www/uploads"], ["chmod 755 /var/www/uploads"])
K("shell-sshpass", "Password passed on the command line (sshpass -p / mysql -p)", ["sshpass", "mysql"],
  r"\bsshpass\s+-p\s*\S+|\bmysql\b[^\n]*\s-p[^\s-]\S+", 798, "high", ["shell"],
  "Use key-based auth, or read the password from a protected file or agent.",
  ["sshpass -p hunter2 ssh deploy@host"], ["sshpass -f ~/.pw ssh deploy@host"])


def code_out():
    out = ["# maestro-scan built-in CODE rules (insecure patterns with CWE ids). Generated by",
           "# tools/gen_rules.py, then kept by hand. Format: see the crate documentation (`maestro_scan::rule`).", ""]
    ids = set()
    for r in CODE_RULES:
        assert r["id"] not in ids, r["id"]
        ids.add(r["id"])
        p = r["pattern"]
        for x in r["pos"]:
            assert re.search(p, x), (r["id"], x)
            if r["unless"]:
                assert not re.search(r["unless"], x), (r["id"], x)
        for x in r["neg"]:
            if re.search(p, x) and not (r["unless"] and re.search(r["unless"], x)):
                raise SystemExit(f"negative matches for {r['id']}: {x}")
        lines = ["[[rule]]", f'id = "{r["id"]}"', 'kind = "code"', f"description = {toml_str(r['desc'])}",
                 "keywords = [" + ", ".join(toml_str(k) for k in r["keywords"]) + "]",
                 f"pattern = {toml_str(r['pattern'])}"]
        if r["unless"]:
            lines.append(f"unless = {toml_str(r['unless'])}")
        lines += [f'confidence = "{r["conf"]}"', f"cwe = {r['cwe']}", f'severity = "{r["severity"]}"',
                  "languages = [" + ", ".join(f'"{l}"' for l in r["langs"]) + "]",
                  f"fix = {toml_str(r['fix'])}",
                  f"positive = {toml_list(r['pos'])}", f"negative = {toml_list(r['neg'])}"]
        out.append("\n".join(lines) + "\n")
    with open("rules/code.toml", "w") as f:
        f.write("\n".join(out))
    print(len(CODE_RULES), "code rules; CWEs:", sorted({r['cwe'] for r in CODE_RULES}))


if "--code" in sys.argv:
    code_out()
