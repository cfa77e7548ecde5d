package org.tasni.notebook;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tasni.TasniException;

/**
 * Renders tables, figures and reports ({@link Html#RENDERINGS}) in the IJava and JJava kernels, which have no service loader for renderers:
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

    /**
     * Registers the toolkit's renderers with the running IJava or JJava kernel, makes {@link NotebookProgress} the
     * stages' default progress display, and says which kernel it found. Run it once, in the first cell.
     *
     * @return one line for the cell's output: the kernel found, or that neither is running
     * @throws TasniException if a kernel is running but its display API is not the one expected
     */
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
                NotebookProgress.useByDefault();
                return "TASNI tables and figures now render in " + k[0] + "; stages show their progress here.";
            }
        }
        return "Neither IJava nor JJava is running here; the tasni-java (rapaio) kernel renders without this call.";
    }

    /**
     * Registers on a basekernel {@code Renderer} (of either package): {@link tech.tablesaw.api.Table Table},
     * {@link tech.tablesaw.plotly.components.Figure Figure} and the report records as text/html, with text/plain
     * beside. {@link #install()} calls it; call it yourself only for a
     * renderer you got some other way.
     *
     * @param renderer a {@code io.github.spencerpark.jupyter.kernel.display.Renderer} or its JJava twin
     * @throws TasniException if {@code renderer} is not of the jupyter-jvm-basekernel display API
     */
    public static void register(Object renderer) {
        TasniException.requireGiven(renderer, "KernelDisplay.register: the renderer");
        try {
            ClassLoader cl = renderer.getClass().getClassLoader();
            String pkg = renderer.getClass().getPackageName();
            Class<?> mime = Class.forName(pkg + ".mime.MIMEType", true, cl);
            Class<?> function = Class.forName(pkg + ".RenderFunction", true, cl);
            Method ifRequested = Class.forName(pkg + ".RenderContext", true, cl).getMethod("renderIfRequested", mime, Supplier.class);
            Api api = new Api(mime, function, ifRequested, mime.getField("TEXT_HTML").get(null),
                    mime.getField("TEXT_PLAIN").get(null));
            for (Html.Rendering r : Html.RENDERINGS) {
                api.on(renderer, r.type(), r.html(), r.text());
            }
        } catch (ReflectiveOperationException e) {
            throw new TasniException("this kernel's display API is not the jupyter-jvm-basekernel one (" + e + ").", e);
        }
    }

    /** The pieces of one kernel's display API, found by reflection. */
    private record Api(Class<?> mime, Class<?> function, Method ifRequested, Object html, Object plain) {

        void on(Object renderer, Class<?> type, Function<Object, String> toHtml, Function<Object, String> toText)
                throws ReflectiveOperationException {
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
    }

    private static Object array(Class<?> type, Object element) {
        Object a = Array.newInstance(type, 1);
        Array.set(a, 0, element);
        return a;
    }
}
