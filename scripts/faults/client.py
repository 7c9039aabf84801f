"""The HTTP side of the fault tests: a citizen who registers and files appeals, a staff
member's live board, and a storm of concurrent submissions that records every answer --
the number of each 200, the status and Retry-After of each refusal, and each connection
that was refused, reset or left without an answer."""

import http.client
import json
import socket
import threading
import time

# How long one request may take before it counts as hanging.
REQUEST_TIMEOUT = 20.0

APPEAL_TEXT = (
    "Ko'cha chiroqlari uch kundan beri yonmayapti, kechqurun bolalar qorong'ida "
    "maktabdan qaytishmoqda."
)


class Answer:
    """One request and what came back.

    kind: "ok" (200 with a registration number), "status" (another HTTP status), "refused"
    (no connection: nothing listens), "unsent" (the connection was closed before the whole
    request was written), "reset" (the request was sent and the connection ended without
    an answer), "timeout" (no answer within REQUEST_TIMEOUT).
    """

    __slots__ = ("kind", "status", "number", "retry_after", "body", "started", "ended")

    def __init__(self, kind, started, status=None, number=None, retry_after=None, body=""):
        self.kind = kind
        self.status = status
        self.number = number
        self.retry_after = retry_after
        self.body = body
        self.started = started
        self.ended = time.monotonic()

    @property
    def seconds(self):
        return self.ended - self.started

    def label(self):
        if self.kind == "status":
            return f"HTTP {self.status}"
        return {"ok": "HTTP 200"}.get(self.kind, self.kind)


def request(port, method, path, body=None, cookie=None, timeout=REQUEST_TIMEOUT):
    """Sends one request on a connection of its own (closed after the answer)."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Accept": "application/json", "Connection": "close"}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body).encode()
    if cookie:
        headers["Cookie"] = cookie
    try:
        try:
            connection.connect()
        except ConnectionRefusedError:
            return Answer("refused", started)
        except socket.timeout:
            return Answer("timeout", started)
        except OSError:  # reset while connecting (the listener went away meanwhile)
            return Answer("unsent", started)
        try:
            connection.request(method, path, body=body, headers=headers)
        except socket.timeout:
            return Answer("timeout", started)
        except OSError:
            return Answer("unsent", started)
        try:
            response = connection.getresponse()
            data = response.read().decode("utf-8", "replace")
        except socket.timeout:
            return Answer("timeout", started)
        except (OSError, http.client.HTTPException):
            return Answer("reset", started)
        answer = Answer("status", started, status=response.status,
                        retry_after=response.getheader("Retry-After"), body=data)
        if response.status == 200:
            try:
                number = json.loads(data).get("number")
            except (ValueError, AttributeError):
                number = None
            if number:
                answer.kind, answer.number = "ok", number
        return answer
    finally:
        connection.close()



def session_cookie(port, path, body):
    """Posts a sign-in or registration; answers the session cookie (`sm_session=…`)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("POST", path, body=json.dumps(body).encode(), headers={
            "Accept": "application/json", "Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read().decode("utf-8", "replace")
        if response.status != 200:
            raise RuntimeError(f"POST {path} answered {response.status}: {data}")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("sm_session="):
                return value.split(";", 1)[0]
        raise RuntimeError(f"POST {path} set no session cookie")
    finally:
        connection.close()


def register_citizen(port, phone="+998 90 555 11 22", password="xato-sinov-paroli-2026"):
    """Registers a citizen (which signs them in); answers their session cookie."""
    return session_cookie(port, "/api/auth/register", {"registration": {
        "full_name": "Dilnoza Karimova", "phone": phone, "password": password,
        "consent": True}})


def sign_in(port, phone, password):
    return session_cookie(port, "/api/auth/sign-in", {"phone": phone, "password": password})


def first_mahalla(port, cookie):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", "/api/mahallas", headers={"Cookie": cookie})
        return json.loads(connection.getresponse().read())[0]["id"]
    finally:
        connection.close()


def draft(mahalla, n):
    return {"draft": {
        "kind": "ariza", "category": "", "mahalla_id": mahalla,
        "street_address": f"Bodomzor ko'chasi, {n % 90 + 1}-uy",
        "citizen_name": "Dilnoza Karimova", "citizen_phone": "+998 90 555 11 22",
        "text": APPEAL_TEXT}}


def submit(port, cookie, mahalla, n=0):
    return request(port, "POST", "/api/appeals/submit", draft(mahalla, n), cookie)


class Storm:
    """`clients` threads, each submitting appeals one after another until stopped, every
    answer recorded. The port may change while it runs (a restarted server)."""

    def __init__(self, port, cookie, mahalla, clients=32):
        self.port = port
        self.cookie = cookie
        self.mahalla = mahalla
        self.answers = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._client, args=(i,), daemon=True)
                         for i in range(clients)]

    def start(self):
        for thread in self._threads:
            thread.start()
        return self

    def _client(self, i):
        n = 0
        while not self._stop.is_set():
            answer = submit(self.port, self.cookie, self.mahalla, i * 100_000 + n)
            n += 1
            with self._lock:
                self.answers.append(answer)
            if answer.kind in ("refused", "unsent", "reset"):
                time.sleep(0.05)  # nothing listens: do not spin

    def stop(self):
        self._stop.set()
        for thread in self._threads:
            thread.join(REQUEST_TIMEOUT + 5)
        return self.answers

    def successes_since(self, moment):
        with self._lock:
            return sum(1 for a in self.answers if a.kind == "ok" and a.started >= moment)


class LiveBoard:
    """A staff member's open live board (`GET /api/board/live`), read until the server
    ends it; `ended` is when it did (None while it is open)."""

    def __init__(self, port, cookie):
        self.ended = None
        self.status = None
        self._thread = threading.Thread(target=self._read, args=(port, cookie), daemon=True)

    def open(self):
        self._thread.start()
        return self

    def _read(self, port, cookie):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            connection.request("GET", "/api/board/live", headers={
                "Cookie": cookie, "Accept": "text/event-stream"})
            response = connection.getresponse()
            self.status = response.status
            while response.read1(4096):
                pass
        except (OSError, http.client.HTTPException):
            pass
        finally:
            self.ended = time.monotonic()
            connection.close()
