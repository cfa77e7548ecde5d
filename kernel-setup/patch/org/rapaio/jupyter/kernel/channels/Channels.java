// rapaio-jupyter-kernel 3.0.1 (MIT License, Copyright 2023 Aurelian Tutuianu), unchanged except where marked
// "TASNI PATCH". The same bugs are in every release up to 3.0.4. kernel-setup/install.sh compiles this file against the
// 3.0.1 jar and puts it ahead of that jar on the kernel's class path (see kernel-setup/patch/README.md).
package org.rapaio.jupyter.kernel.channels;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Stack;

import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ErrorReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;
// TASNI PATCH: the jar shades jeromq (org.zeromq -> org.rapaio.org.zeromq); compiled against the jar, so its names
import org.rapaio.org.zeromq.ZMQ;

@SuppressWarnings( {"unchecked", "rawtypes"})
public final class Channels {

    private final ConnectionProperties connProps;

    private final ZMQ.Context ctx;

    private final HeartbeatChannel heartbeat;
    private final ShellChannel shell;
    private final ControlChannel control;
    private final StdinChannel stdin;
    private final IOPubChannel iopub;

    private final Set<AbstractChannel> channels;
    private final Stack<Runnable> afterActions = new Stack<>();

    // TASNI PATCH: volatile, as the loop threads read it (set once, before they start)
    private volatile Map<MessageType<?>, MessageHandler> handlers;
    private MessageId<?> msgId;

    // TASNI PATCH: a Control request (interrupt, shutdown) is handled on the Control thread while a cell may still run
    // on Shell. 3.0.1 had one current request and one after-action stack for both, so an interrupt_request became the
    // parent of the running cell's messages and ran the cell's pending after-actions (its idle status and freeMsgId):
    // the interrupted cell's execute_reply then went out with no recipient and was lost, and the notebook waited on
    // it. A thread handling a Control request now keeps that request and its after-actions to itself.
    private final ThreadLocal<MessageId<?>> controlMsgId = new ThreadLocal<>();
    private final Stack<Runnable> controlAfterActions = new Stack<>();

    private MessageId<?> currentMsgId() {
        MessageId<?> control = controlMsgId.get();
        return control != null ? control : msgId;
    }

    private Stack<Runnable> currentAfterActions() {
        return controlMsgId.get() != null ? controlAfterActions : afterActions;
    }

    private static boolean isControlRequest(MessageId<?> id) {
        String name = id == null || id.header() == null ? "" : id.header().type().name();
        return name.equals(MessageType.CONTROL_INTERRUPT_REQUEST.name())
                || name.equals(MessageType.CONTROL_SHUTDOWN_REQUEST.name());
    }

    private boolean isConnected = false;
    private boolean requestShutdown = false;

    public Channels(ConnectionProperties connProps) throws NoSuchAlgorithmException, InvalidKeyException {
        this.connProps = connProps;
        ctx = ZMQ.context(1);

        HMACDigest hmacDigest = connProps.createHMACDigest();

        heartbeat = new HeartbeatChannel(this, ctx, hmacDigest);
        shell = new ShellChannel(this, ctx, hmacDigest, this);
        control = new ControlChannel(this, ctx, hmacDigest);
        stdin = new StdinChannel(this, ctx, hmacDigest);
        iopub = new IOPubChannel(this, ctx, hmacDigest);

        channels = Set.of(heartbeat, shell, control, stdin, iopub);
    }

    public void connect(RapaioKernel kernel) {
        if (!isConnected) {
            // TASNI PATCH: the handlers and the kernel's channels are set up before the sockets bind. 3.0.1 bound first
            // (which starts the loop threads), so a request that came in between (a client's first kernel_info_request
            // does) found handlers == null, and the uncaught NullPointerException in getHandler ended the Shell thread
            // for good; or it found the map half filled and dropped the request as "Unhandled message", unanswered.
            kernel.registerChannels(this);
            Map<MessageType<?>, MessageHandler> handlers = new HashMap<>();
            handlers.put(MessageType.SHELL_EXECUTE_REQUEST, kernel::handleExecuteRequest);
            handlers.put(MessageType.SHELL_INSPECT_REQUEST, kernel::handleInspectRequest);
            handlers.put(MessageType.SHELL_COMPLETE_REQUEST, kernel::handleCompleteRequest);
            handlers.put(MessageType.SHELL_HISTORY_REQUEST, kernel::handleHistoryRequest);
            handlers.put(MessageType.SHELL_IS_COMPLETE_REQUEST, kernel::handleIsCompleteRequest);
            handlers.put(MessageType.SHELL_KERNEL_INFO_REQUEST, kernel::handleKernelInfoRequest);
            handlers.put(MessageType.CONTROL_SHUTDOWN_REQUEST, kernel::handleShutdownRequest);
            handlers.put(MessageType.CONTROL_INTERRUPT_REQUEST, kernel::handleInterruptRequest);
            handlers.put(MessageType.CUSTOM_COMM_OPEN, kernel::handleCommOpenCommand);
            handlers.put(MessageType.CUSTOM_COMM_MSG, kernel::handleCommMsgCommand);
            handlers.put(MessageType.CUSTOM_COMM_CLOSE, kernel::handleCommCloseCommand);
            handlers.put(MessageType.SHELL_COMM_INFO_REQUEST, kernel::handleCommInfoRequest);
            this.handlers = handlers;

            channels.forEach(s -> s.bind(connProps));
            iopub.sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
            isConnected = true;
        }
    }

    public <T> MessageHandler<T> getHandler(MessageType<T> type) {
        return handlers.get(type);
    }

    public void close() {
        channels.forEach(AbstractChannel::close);
        ctx.close();
    }

    public void joinUntilClose() {
        channels.forEach(AbstractChannel::joinUntilClose);
    }

    public boolean hasMsgId() {
        return currentMsgId() != null;
    }

    public void setMsgId(MessageId<?> msgId) {
        // TASNI PATCH: a Control request's id is this thread's own (see controlMsgId)
        if (isControlRequest(msgId)) {
            controlMsgId.set(msgId);
            return;
        }
        controlMsgId.remove();
        this.msgId = msgId;
    }

    public void freeMsgId() {
        if (controlMsgId.get() != null) {
            controlMsgId.remove();
            return;
        }
        this.msgId = null;
    }

    public void markForShutdown() {
        requestShutdown = true;
    }

    public boolean isMarkedForShutdown() {
        return requestShutdown;
    }

    public void writeToStdOut(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.OUT, msg));
    }

    public void writeToStdErr(String msg) {
        publish(new IOPubStream(IOPubStream.StreamName.ERR, msg));
    }

    public String readFromStdIn() {
        return stdin.getInput(currentMsgId(), "", false);
    }

    public <T extends ContentType<T>> void publish(T content) {
        iopub.sendMessage(new Message<>(currentMsgId(), content.type(), content));
    }

    public <T extends ContentType<T>> void reply(T content) {
        replyChannel(content.type()).sendMessage(new Message<>(currentMsgId(), content.type(), content));
    }

    public void replyError(MessageType<?> type, ErrorReply error) {
        replyChannel(type).sendMessage(new Message(currentMsgId(), type, error));
    }

    // TASNI PATCH: the replies to Control requests go out on Control, where the messaging spec puts them and where
    // clients wait for them. 3.0.1 sent every reply on Shell, so interrupt_reply and shutdown_reply never reached a
    // client waiting on Control; a Shell client got replies to requests it had not sent.
    private AbstractChannel replyChannel(MessageType<?> type) {
        String name = type.name();
        boolean control = name.equals(MessageType.CONTROL_INTERRUPT_REPLY.name())
                || name.equals(MessageType.CONTROL_SHUTDOWN_REPLY.name());
        return control ? this.control : shell;
    }

    public void scheduleAfter(Runnable action) {
        currentAfterActions().push(action);
    }

    public void runAfterActions() {
        Stack<Runnable> actions = currentAfterActions();
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    public void busyThenIdle() {
        publish(IOPubStatus.BUSY);
        scheduleAfter(() -> publish(IOPubStatus.IDLE));
    }
}
