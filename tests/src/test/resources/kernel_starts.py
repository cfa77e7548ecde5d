#!/usr/bin/python3
"""Starts a Jupyter kernel N times in a row and checks each start the way a client relies on it.

    kernel_starts.py N [--kernel tasni-java] [--timeout SECONDS] [--quick-timeout SECONDS]

Per start, each check on its own (a failed one does not skip the others):
  kernel_info  Shell answers kernel_info_request (one request, no retry: a retry would hide a dead Shell thread)
               with status "ok"
  execute      Shell executes `1+1`: execute_reply "ok" and an execute_result "2" on IOPub (text/plain, or text/html
               as rapaio's display system sends it)
  heartbeat    the heartbeat socket echoes a ping
  interrupt    a cell that never ends is stopped by interrupt_request: each interrupt_request is answered with
               interrupt_reply on Control (the messaging spec's channel), and the cell's execute_reply comes on Shell
               (an interrupt that lands before the cell runs is lost, so one is sent every half second)
  shutdown     Control answers shutdown_request with shutdown_reply on Control, and the process exits
Prints one JSON line: {"starts": N, "ok": starts with every check passed, "failures": {check: count}, "seconds": …}.
Details of each failure go to stderr. Exit status 0 whatever the counts: the caller judges them.
Uses only Debian's python3-jupyter-client (and the pyzmq it depends on).
"""
import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid

import zmq
from jupyter_client import KernelManager

CHECKS = ("kernel_info", "execute", "heartbeat", "interrupt", "shutdown")


def reply_to(get, msg_id, timeout):
    """The reply whose parent is msg_id, from get (a client's get_shell_msg/get_control_msg); None on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            msg = get(timeout=left)
        except Exception:  # queue.Empty
            return None
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def check_kernel_info(kc, timeout):
    reply = reply_to(kc.get_shell_msg, kc.kernel_info(), timeout)
    if reply is None:
        return "no kernel_info_reply on Shell within %ss" % timeout
    if reply["content"].get("status") != "ok":
        return "kernel_info_reply without status ok: %s" % json.dumps(reply["content"])[:200]
    return None


def check_execute(kc, timeout):
    msg_id = kc.execute("1+1")
    reply = reply_to(kc.get_shell_msg, msg_id, timeout)
    if reply is None:
        return "no execute_reply on Shell within %ss" % timeout
    if reply["content"].get("status") != "ok":
        return "execute_reply: %s" % json.dumps(reply["content"])[:300]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        except Exception:
            break
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            # rapaio's display system renders a plain value as text/html
            data = msg["content"]["data"]
            text = data.get("text/plain", data.get("text/html"))
            return None if text == "2" else "execute_result %r, not '2'" % data
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    return "no execute_result for 1+1 on IOPub"


def check_heartbeat(km, timeout):
    sock = km.connect_hb()
    try:
        ping = uuid.uuid4().bytes
        sock.send(ping)
        if not sock.poll(int(timeout * 1000), zmq.POLLIN):
            return "heartbeat did not echo within %ss" % timeout
        echo = sock.recv()
        return None if echo == ping else "heartbeat echoed %r" % echo
    finally:
        sock.close(linger=0)


def check_interrupt(kc, timeout):
    cell = kc.execute("while (true) { Thread.sleep(20); }")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        failed = check_control(kc, "interrupt_request", {}, timeout)
        if failed:
            return failed
        if reply_to(kc.get_shell_msg, cell, 0.5) is not None:
            return None
    return "the interrupted cell sent no execute_reply within %ss" % timeout


def check_control(kc, msg_type, content, timeout):
    msg = kc.session.msg(msg_type, content)
    kc.control_channel.send(msg)
    reply = reply_to(kc.get_control_msg, msg["header"]["msg_id"], timeout)
    want = msg_type.replace("_request", "_reply")
    if reply is None:
        return "no %s on Control within %ss" % (want, timeout)
    if reply["msg_type"] != want:
        return "%s answered with %s" % (msg_type, reply["msg_type"])
    return None


def one_start(kernel, timeout, quick, log):
    """{check: failure text or None} for one start of the kernel; the kernel's output goes to the file log."""
    km = KernelManager(kernel_name=kernel)
    km.start_kernel(stdout=log, stderr=subprocess.STDOUT)
    kc = km.client()
    kc.start_channels()
    result = {}
    try:
        result["kernel_info"] = check_kernel_info(kc, timeout)
        result["execute"] = check_execute(kc, timeout)
        result["heartbeat"] = check_heartbeat(km, quick)
        result["interrupt"] = check_interrupt(kc, quick)
        result["shutdown"] = check_control(kc, "shutdown_request", {"restart": False}, quick)
        if result["shutdown"] is None:
            deadline = time.monotonic() + 10
            while km.is_alive() and time.monotonic() < deadline:
                time.sleep(0.05)
            if km.is_alive():
                result["shutdown"] = "shutdown_reply sent, but the process still runs 10 s later"
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
        km.cleanup_resources()
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--kernel", default="tasni-java")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds for kernel_info and for the execution")
    ap.add_argument("--quick-timeout", type=float, default=10.0,
                    help="seconds for the heartbeat's echo and for each Control reply")
    args = ap.parse_args()
    failures = {c: 0 for c in CHECKS}
    ok = 0
    t0 = time.monotonic()
    for i in range(1, args.n + 1):
        with tempfile.TemporaryFile() as log:
            result = one_start(args.kernel, args.timeout, args.quick_timeout, log)
            bad = {c: why for c, why in result.items() if why is not None}
            for c, why in bad.items():
                failures[c] += 1
                print("start %d: %s: %s" % (i, c, why), file=sys.stderr, flush=True)
            if bad:
                log.seek(0)
                tail = log.read().decode("utf-8", "replace").splitlines()[-8:]
                print("start %d: the kernel's last output lines:\n  %s" % (i, "\n  ".join(tail)), file=sys.stderr, flush=True)
        ok += not bad
    print(json.dumps({"starts": args.n, "ok": ok, "failures": failures,
                      "seconds": round(time.monotonic() - t0, 1)}), flush=True)


if __name__ == "__main__":
    main()
