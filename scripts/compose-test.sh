#!/usr/bin/env bash
# `make compose-test`: the production stack (docker-compose.yml + docker-compose.local.yml, images
# built here without a registry) started for real and driven through its public API:
#   1. build the images, bring the stack up, wait for every health check;
#   2. create a user and a token; run a full-loop interview: a coding Submit graded by a worker
#      container that starts sandbox containers through the host's Docker socket, a written
#      answer, finish, the report;
#   3. scale to 3 workers, send a burst of 100 submissions, restart one worker in the middle of
#      it, and check that every submission was graded, once (one set of case results each);
#   4. remove everything it created (containers, volumes, networks, sandbox containers), also
#      when a step fails. The stack's logs are kept in .data/compose-test/ for a failed run.
# Exit status 0 only if every check passed. BURST (default 100) changes the burst size.
set -euo pipefail
cd "$(dirname "$0")/.."

burst="${BURST:-100}"
compose=(docker-compose)
if docker compose version >/dev/null 2>&1; then compose=(docker compose); fi
scripts/apt-ensure.sh jq=jq curl=curl
[[ "${compose[*]}" == docker-compose ]] && scripts/apt-ensure.sh docker-compose=docker-compose

project="onsite-ct-$$"
logdir="$PWD/.data/compose-test"
mkdir -p "$logdir"
envfile="$logdir/env-$project"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat > "$envfile" <<EOF
SECRET_KEY=compose-test-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$port
POSTGRES_PASSWORD=compose-test-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
DOCKER_GID=$(stat -c %g /var/run/docker.sock)
WEB_PORT=$port
API_THROTTLE_SUBMISSIONS=100000/hour
API_THROTTLE_INTERVIEW_START=1000/hour
WORKER_CONCURRENCY=2
SANDBOX_POOL_SIZE=1
METRICS_TOKEN=compose-test-metrics-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
EOF
dc() { "${compose[@]}" -p "$project" --env-file "$envfile" -f docker-compose.yml -f docker-compose.local.yml "$@"; }
say() { printf '==> [compose-test %s] %s\n' "$(date +%T)" "$*"; }
fail() { say "FAILED: $*"; exit 1; }

worker_hosts=()
cleanup() {
    local status=$?
    set +e
    if [[ $status -ne 0 ]]; then
        dc logs --no-color > "$logdir/$project.log" 2>&1
        say "logs of the stack: $logdir/$project.log"
    fi
    for id in $(dc ps -q worker 2>/dev/null); do worker_hosts+=("$(docker inspect -f '{{.Config.Hostname}}' "$id" 2>/dev/null)"); done
    dc down --volumes --remove-orphans --timeout 20 >/dev/null 2>&1
    # Sandbox containers that a killed worker could not remove (the owner label names its host).
    for host in "${worker_hosts[@]}"; do
        [[ -n "$host" ]] || continue
        docker ps -a --filter "label=onsite.sandbox=1" --format '{{.ID}} {{.Label "onsite.sandbox.owner"}}' \
            | awk -v h="$host" 'index($2, h ":") == 1 {print $1}' | xargs -r docker rm -f >/dev/null 2>&1
    done
    rm -f "$envfile" "$logdir/payload-$project.json"
    left="$(docker ps -aq --filter "label=com.docker.compose.project=$project" | wc -l)"
    vols="$(docker volume ls -q --filter "label=com.docker.compose.project=$project" | wc -l)"
    nets="$(docker network ls -q --filter "label=com.docker.compose.project=$project" | wc -l)"
    say "cleaned up: $left containers, $vols volumes, $nets networks of $project left"
    if [[ $status -eq 0 && $((left + vols + nets)) -ne 0 ]]; then status=1; fi
    exit $status
}
trap cleanup EXIT

say "images: local base (Debian packages), app and sandbox"
started=$SECONDS
scripts/compose-images.sh >/dev/null
# One build of the app image (every app service runs onsite:latest) and the sandbox image.
dc build --quiet sandbox-image migrate 2>&1 | grep -vE "^\s*$|DEPRECATED|buildx|BuildKit" || true
say "images ready in $((SECONDS - started)) s"

wait_healthy() {  # every container of the project, except one-shot services, healthy
    local deadline=$((SECONDS + ${1:-300})) pending
    while :; do
        pending=0
        for id in $(dc ps -q); do
            local service state health
            service="$(docker inspect -f '{{index .Config.Labels "com.docker.compose.service"}}' "$id")"
            [[ "$service" == migrate || "$service" == sandbox-image ]] && continue
            state="$(docker inspect -f '{{.State.Status}}' "$id")"
            health="$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id")"
            [[ "$state" == running && ( "$health" == healthy || "$health" == none ) ]] || pending=$((pending + 1))
        done
        [[ $pending -eq 0 ]] && return 0
        (( SECONDS < deadline )) || { dc ps; fail "$pending containers not healthy in time"; }
        sleep 3
    done
}

say "starting the stack on port $port"
started=$SECONDS
dc up -d >/dev/null 2>&1 || { dc ps; fail "docker-compose up"; }
wait_healthy 600
say "stack healthy in $((SECONDS - started)) s"
dc ps

BASE="http://127.0.0.1:$port"
curl -sf "$BASE/healthz/" >/dev/null || fail "/healthz/"
# A TLS proxy in front sets X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER is on in the stack).
ready="$(curl -s -H 'X-Forwarded-Proto: https' -H 'Host: localhost' "$BASE/readyz/")"
[[ "$(jq -r .ready <<<"$ready")" == true ]] || fail "/readyz/ says $ready"

TOKEN="$(dc exec -T web python manage.py shell -c '
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
user, _ = get_user_model().objects.get_or_create(username="compose-candidate")
user.set_password("compose-test-password"); user.save()
print(Token.objects.get_or_create(user=user)[0].key)' | tail -n 1 | tr -d '\r')"
[[ ${#TOKEN} -ge 20 ]] || fail "no token created: $TOKEN"
api() { curl -sS --fail-with-body -H "Authorization: Token $TOKEN" -H "Content-Type: application/json" \
        -H 'X-Forwarded-Proto: https' -H 'Host: localhost' "$@"; }

question_dir() {  # the bank folder of a question or follow-up, by its title
    local file
    file="$(grep -lxF "title: $1" references/bank/*/*/question.md references/bank/*/*/followup.md | head -n 1)"
    [[ -n "$file" ]] || fail "no bank question titled '$1'"
    dirname "$file"
}
wait_submission() {  # id → prints the finished submission
    local deadline=$((SECONDS + ${2:-300})) body
    while :; do
        body="$(api "$BASE/api/submissions/$1/")"
        [[ "$(jq -r .finished <<<"$body")" == true ]] && { echo "$body"; return 0; }
        (( SECONDS < deadline )) || fail "submission $1 not finished in time: $body"
        sleep 1
    done
}

say "interview end to end through the API"
interview="$(api -X POST -d '{"track": "full-loop"}' "$BASE/api/interviews/" | jq -r .id)"
[[ "$interview" =~ ^[0-9]+$ ]] || fail "could not start an interview"
items="$(api "$BASE/api/interviews/$interview/")"
code_position="$(jq -r '[.items[] | select(.is_code)][0].position' <<<"$items")"
code_title="$(jq -r '[.items[] | select(.is_code)][0].title' <<<"$items")"
written_position="$(jq -r '[.items[] | select(.kind == "concept")][0].position' <<<"$items")"
written_title="$(jq -r '[.items[] | select(.kind == "concept")][0].title' <<<"$items")"
solution="$(question_dir "$code_title")/solution.py"
submission="$(jq -Rs '{code: ., mode: "submit"}' "$solution" \
    | api -X POST -d @- "$BASE/api/interviews/$interview/items/$code_position/submissions/" | jq -r .id)"
result="$(wait_submission "$submission" 300)"
verdict="$(jq -r .verdict <<<"$result")"
say "coding item '$code_title': $verdict, $(jq -r '"\(.cases_passed)/\(.cases_total)"' <<<"$result") cases"
[[ "$verdict" == AC ]] || fail "the canonical solution of '$code_title' got $verdict"
jq -Rs '{draft: .}' "$(question_dir "$written_title")/answer.md" \
    | api -X PUT -d @- "$BASE/api/interviews/$interview/items/$written_position/draft/" >/dev/null
status="$(api -X POST "$BASE/api/interviews/$interview/finish/" | jq -r .status)"
[[ "$status" == finished ]] || fail "finish answered status $status"
deadline=$((SECONDS + 120))
while :; do
    report="$(api "$BASE/api/interviews/$interview/report/")"
    [[ "$(jq -r .scores.pending <<<"$report")" == false ]] && break
    (( SECONDS < deadline )) || fail "report still pending: $(jq -c .scores <<<"$report")"
    sleep 2
done
written_score="$(jq -r --argjson p "$written_position" '.items[] | select(.position == $p) | .score' <<<"$report")"
say "report: overall $(jq -r .scores.overall <<<"$report"); model answer to '$written_title' scored $written_score"
jq -e --argjson p "$code_position" '.items[] | select(.position == $p) | .submission.verdict == "AC"' <<<"$report" >/dev/null \
    || fail "the report does not show the AC submission"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 0.5 else 1)" "$written_score" \
    || fail "the model answer scored $written_score"

say "scaling to 3 workers"
dc up -d --no-recreate --scale worker=3 >/dev/null 2>&1 || fail "scale to 3 workers"
wait_healthy 600
[[ "$(dc ps -q worker | wc -l)" -eq 3 ]] || fail "expected 3 worker containers"

say "burst of $burst submissions, one worker restarted in the middle"
interview="$(api -X POST -d '{"track": "custom", "sections": ["coding"], "count": 1, "minutes": 60}' "$BASE/api/interviews/" | jq -r .id)"
[[ "$interview" =~ ^[0-9]+$ ]] || fail "could not start the burst interview"
title="$(api "$BASE/api/interviews/$interview/items/1/" | jq -r .title)"
payload_file="$logdir/payload-$project.json"
jq -Rs '{code: ., mode: "run"}' "$(question_dir "$title")/solution.py" > "$payload_file"
started=$SECONDS
# Ten clients at a time, as a class pressing Submit together would.
# The body comes from a file: xargs -I would also rewrite any "{}" inside the code.
seq "$burst" | xargs -P 10 -I@n curl -sS --fail-with-body -o /dev/null -H "Authorization: Token $TOKEN" \
    -H "Content-Type: application/json" -H 'X-Forwarded-Proto: https' -H 'Host: localhost' \
    -X POST --data-binary "@$payload_file" "$BASE/api/interviews/$interview/items/1/submissions/" \
    || fail "a submission was refused"
say "$burst submissions accepted in $((SECONDS - started)) s"
listing() { api "$BASE/api/interviews/$interview/items/1/submissions/"; }
restarted=0
deadline=$((SECONDS + 900))
while :; do
    body="$(listing)"
    total="$(jq 'if type == "array" then length else (.results // .submissions // []) | length end' <<<"$body")"
    finished="$(jq '[(if type == "array" then . else (.results // .submissions // []) end)[] | select(.status == "done" or .status == "failed")] | length' <<<"$body")"
    [[ $total -eq $burst ]] || fail "the item lists $total submissions, expected $burst"
    if [[ $restarted -eq 0 && $finished -ge $((burst / 5)) ]]; then
        [[ $finished -lt $burst ]] || fail "the burst finished before a worker could be restarted"
        victim="$(dc ps -q worker | head -n 1)"
        say "$finished/$burst finished: restarting worker ${victim:0:12} (warm shutdown, then start)"
        docker restart -t 60 "$victim" >/dev/null
        restarted=1
    fi
    [[ $finished -eq $burst ]] && break
    (( SECONDS < deadline )) || fail "only $finished of $burst submissions finished in time"
    sleep 2
done
mapfile -t ids < <(jq -r '(if type == "array" then . else (.results // .submissions // []) end)[].id' <<<"$body")
say "all $burst finished in $((SECONDS - started)) s (restart included)"
wait_healthy 300

audit="$(dc exec -T web python manage.py shell -c "
import json
from collections import Counter
from django.db.models import Count
from grader.models import CaseResult, Submission
ids = [$(IFS=,; echo "${ids[*]}")]
subs = Submission.objects.filter(id__in=ids)
dupes = (CaseResult.objects.filter(submission_id__in=ids).values('submission_id', 'position')
         .annotate(n=Count('id')).filter(n__gt=1).count())
short = sum(1 for s in subs if s.results.count() != s.cases_total or s.cases_total == 0)
print(json.dumps({'count': subs.count(), 'done': subs.filter(status='done').count(),
                  'ac': subs.filter(verdict='AC').count(), 'duplicate_results': dupes,
                  'incomplete_results': short,
                  'max_attempts': max(s.attempts for s in subs),
                  'verdicts': dict(Counter(s.verdict for s in subs)),
                  'question': str(subs[0].version) if subs else '',
                  'first_failures': [(r.case_id, r.verdict, r.message[:120]) for r in CaseResult.objects.filter(submission_id__in=ids).exclude(verdict='AC')[:3]],
                  'workers': sorted({s.claimed_by.split(':')[0] for s in subs})}))" | tail -n 1)"
say "audit: $audit"
jq -e --argjson n "$burst" '.count == $n and .done == $n and .ac == $n and .duplicate_results == 0
    and .incomplete_results == 0 and (.workers | length) >= 2' <<<"$audit" >/dev/null \
    || fail "burst audit: $audit"
say "metrics: the web's /metrics (token) and a worker's own port"
metrics_token="$(grep '^METRICS_TOKEN=' "$envfile" | cut -d= -f2)"
web_metrics="$(curl -sS -H "Authorization: Bearer $metrics_token" -H 'X-Forwarded-Proto: https' -H 'Host: localhost' "$BASE/metrics")"
grep -q '^onsite_celery_queue_length{queue="submit"}' <<<"$web_metrics" || fail "/metrics has no queue depth"
grep -q '^django_http_requests_latency_seconds_by_view_method_count' <<<"$web_metrics" || fail "/metrics has no request latency"
[[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' -H 'Host: localhost' "$BASE/metrics")" =~ ^40[34]$ ]] \
    || fail "/metrics answers without the token"
graded_by_metrics=0
for id in $(dc ps -q worker); do
    worker_metrics="$(docker exec "$id" python -c 'import urllib.request; print(urllib.request.urlopen("http://127.0.0.1:9808/metrics", timeout=10).read().decode())')" \
        || fail "worker ${id:0:12} serves no metrics on its port"
    grep -q '^onsite_grading_verdict_seconds_count' <<<"$worker_metrics" && graded_by_metrics=$((graded_by_metrics + 1))
done
[[ $graded_by_metrics -ge 1 ]] || fail "no worker's metrics show grading latency"
say "PASSED"
