// rapaio-jupyter-kernel 3.0.1 (MIT License, Copyright 2023 Aurelian Tutuianu), unchanged except where marked
// "TASNI PATCH". The same bug is in every release up to 3.0.4. kernel-setup/install.sh compiles this file against the
// 3.0.1 jar and puts it ahead of that jar on the kernel's class path (see kernel-setup/patch/README.md).
package org.rapaio.jupyter.kernel.channels;

/**
 * Thread which runs in loop the loop body after each waiting period.
 */
public final class LoopThread extends Thread {

    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            loopBody.run();
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        // TASNI PATCH: the flag is set before the thread starts. 3.0.1 set it after super.start(), so a thread that ran
        // first saw running == false and left run() at once: that channel (Shell, Control or Heartbeat) never read its
        // socket again and the kernel hung at start (about one channel in twenty).
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
