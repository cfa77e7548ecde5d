// rapaio-jupyter-kernel 3.0.1 (MIT License, Copyright 2023 Aurelian Tutuianu), unchanged except where marked
// "TASNI PATCH". The same bug is in every release up to 3.0.4. kernel-setup/install.sh compiles this file against the
// 3.0.1 jar and puts it ahead of that jar on the kernel's class path (see kernel-setup/patch/README.md).
package org.rapaio.jupyter.kernel.message.messages;

import java.util.List;

import org.rapaio.jupyter.kernel.core.LanguageInfo;
import org.rapaio.jupyter.kernel.message.ContentType;
import org.rapaio.jupyter.kernel.message.MessageType;

// TASNI PATCH: the jar shades gson (com.google.gson -> org.rapaio.shaded.com.google.gson): the annotation must be
// the shaded one, or gson ignores it
import org.rapaio.shaded.com.google.gson.annotations.SerializedName;

// TASNI PATCH: a "status" field, which the messaging spec (5.x) puts in every reply, kernel_info_reply included; 3.0.1
// sent none, so a client that checks it could not tell the reply from a failed one. The 3.0.1 constructor, which the
// kernel calls, stays and fills in "ok".
public record ShellKernelInfoReply(
        @SerializedName("status") String status,
        @SerializedName("protocol_version") String protocolVersion,
        @SerializedName("implementation") String implementationName,
        @SerializedName("implementation_version") String implementationVersion,
        @SerializedName("language_info") LanguageInfo langInfo,
        @SerializedName("banner") String banner,
        @SerializedName("help_links") List<LanguageInfo.Help> helpLinks
) implements ContentType<ShellKernelInfoReply> {

    public ShellKernelInfoReply(String protocolVersion, String implementationName, String implementationVersion,
            LanguageInfo langInfo, String banner, List<LanguageInfo.Help> helpLinks) {
        this("ok", protocolVersion, implementationName, implementationVersion, langInfo, banner, helpLinks);
    }

    @Override
    public MessageType<ShellKernelInfoReply> type() {
        return MessageType.SHELL_KERNEL_INFO_REPLY;
    }
}
