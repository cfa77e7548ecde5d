package org.tasni.notebook;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tasni.TasniException;
import org.tasni.crossmatch.MatchReport;
import org.tasni.variability.VariabilityReport;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Renders tables, figures and reports in the IJava and JJava kernels, which have no service loader for renderers:
 * after {@code %jars tasni-toolkit.jar}, run {@code org.tasni.notebook.KernelDisplay.install()} once.
 * (The tasni-java kernel, rapaio, needs nothing: it finds the toolkit's display provider by itself.)
 *
 * <p>Both kernels use the display API of {@code jupyter-jvm-basekernel} (IJava as
 * {@code io.github.spencerpark.jupyter.kernel.display}, JJava renamed to {@code org.dflib.jjava.jupyter.kernel.display}),
 * and neither is on Maven Central, so the registration is made by reflection on whichever is loaded, and the toolkit
 * jar loads fine without either. The tests check it against the published basekernel 2.3.0.
 */
public final class KernelDisplay {

    /** {kernel, class with getKernelInstance()} */
    private static final List<String[]> KERNELS = List.of(new String[] {"IJava", "io.github.spencerpark.ijava.IJava"},
            new String[] {"JJava", "org.dflib.jjava.JJava"});

    private KernelDisplay() {}

    /** Registers the toolkit's renderers with the running IJava or JJava kernel, and says which. */
    public static String install() {
        for (String[] k : KERNELS) {
            Object kernel;
            try {
                kernel = Class.forName(k[1]).getMethod("getKernelInstance").invoke(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                continue;
            }
            if (kernel != null) {
                try {
                    register(kernel.getClass().getMethod("getRenderer").invoke(kernel));
                } catch (ReflectiveOperationException e) {
                    throw new TasniException(k[0] + " was found but its renderer could not be reached (" + e + ").", e);
                }
                return "TASNI tables and figures now render in " + k[0] + ".";
            }
        }
        return "Neither IJava nor JJava is running here; the tasni-java (rapaio) kernel renders without this call.";
    }

    /**
     * Registers on a basekernel {@code Renderer} (of either package): {@link Table}, {@link Figure} and the report
     * records as text/html, with text/plain beside.
     */
    public static void register(Object renderer) {
        try {
            ClassLoader cl = renderer.getClass().getClassLoader();
            String pkg = renderer.getClass().getPackageName();
            Class<?> mime = Class.forName(pkg + ".mime.MIMEType", true, cl);
            Class<?> function = Class.forName(pkg + ".RenderFunction", true, cl);
            Method ifRequested = Class.forName(pkg + ".RenderContext", true, cl).getMethod("renderIfRequested", mime, Supplier.class);
            Object html = mime.getField("TEXT_HTML").get(null), plain = mime.getField("TEXT_PLAIN").get(null);
            on(renderer, Table.class, o -> Html.table((Table) o), o -> ((Table) o).print(), mime, function, ifRequested, html, plain);
            on(renderer, Figure.class, o -> Html.figure((Figure) o), o -> "Plotly figure", mime, function, ifRequested, html, plain);
            on(renderer, PngImage.class, o -> ((PngImage) o).html(), Object::toString, mime, function, ifRequested, html, plain);
            for (Class<?> report : List.of(MatchReport.class, VariabilityReport.class)) {
                on(renderer, report, Html::report, Object::toString, mime, function, ifRequested, html, plain);
            }
        } catch (ReflectiveOperationException e) {
            throw new TasniException("this kernel's display API is not the jupyter-jvm-basekernel one (" + e + ").", e);
        }
    }

    private static void on(Object renderer, Class<?> type, Function<Object, String> toHtml, Function<Object, String> toText,
            Class<?> mime, Class<?> function, Method ifRequested, Object html, Object plain) throws ReflectiveOperationException {
        Object reg = renderer.getClass().getMethod("createRegistration", Class.class).invoke(renderer, type);
        reg = reg.getClass().getMethod("preferring", mime.arrayType()).invoke(reg, array(mime, html));
        reg = reg.getClass().getMethod("supporting", mime.arrayType()).invoke(reg, array(mime, plain));
        Object fn = Proxy.newProxyInstance(function.getClassLoader(), new Class<?>[] {function}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "TASNI renderer for " + type.getSimpleName();
                };
            }
            Object data = args[0], context = args[1];
            ifRequested.invoke(context, html, (Supplier<Object>) () -> toHtml.apply(data));
            ifRequested.invoke(context, plain, (Supplier<Object>) () -> toText.apply(data));
            return null;
        });
        reg.getClass().getMethod("register", function).invoke(reg, fn);
    }

    private static Object array(Class<?> type, Object element) {
        Object a = Array.newInstance(type, 1);
        Array.set(a, 0, element);
        return a;
    }
}
