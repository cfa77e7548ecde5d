#!/usr/bin/env bash
# Sets up Jupyter with a Java (JShell) kernel that has the TASNI toolkit preloaded: kernelspec "tasni-java".
#
#   kernel-setup/install.sh                 # Debian packages (needs root or sudo), build the jar, user kernelspec
#   kernel-setup/install.sh --headless      # without jupyter-notebook: enough for `jupyter nbconvert --execute`
#   kernel-setup/install.sh --prefix DIR    # kernelspec under DIR/share/jupyter/kernels instead of the user's
#   JUPYTER_DATA_DIR=DIR kernel-setup/install.sh   # the user kernelspec goes under DIR/kernels
#
# Idempotent: running it again replaces the kernelspec. Nothing is fetched at kernel start: the kernel jar comes from
# Maven Central now (io.github.padreati:rapaio-jupyter-kernel 3.0.1, a JShell kernel; IJava and JJava are not on
# Maven Central), and plotly.js is inside the toolkit jar. The kernel runs with our fixes to three of its classes
# ahead of its jar (kernel-setup/patch, compiled here; see patch/README.md): without them it hangs in some starts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
headless=0
prefix=()
while [ $# -gt 0 ]; do
  case "$1" in
    --headless) headless=1 ;;
    --user) ;;
    --prefix) prefix=(--prefix "$2"); shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
  esac
  shift
done

# 1. Jupyter from Debian (a Java kernel needs no ipykernel)
pkgs=(jupyter-nbconvert python3-nbclient jupyter-client jupyter-core)
[ "$headless" = 1 ] || pkgs+=(jupyter-notebook)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
jupyter=/usr/bin/jupyter   # Debian's; a `jupyter` earlier on PATH may belong to another Python

# 2. The toolkit jar
jar="$root/toolkit/target/tasni-toolkit.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -ntp -DskipTests package)
fi

# 3. The kernel jar, our patch to it and our kernelspec
rjk_version=3.0.1   # patch/ is written against this version (and toolkit/pom.xml names it): change them together
rjk=rapaio-jupyter-kernel-$rjk_version.jar
spec=$(mktemp -d)
trap 'rm -rf "$spec"' EXIT
mkdir -p "$spec/tasni-java" "$spec/classes"
mvn -B -q -ntp dependency:copy -Dartifact=io.github.padreati:rapaio-jupyter-kernel:$rjk_version -DoutputDirectory="$spec/tasni-java"
java=$(readlink -f "$(command -v java)")
jdk=$(dirname "$java")   # javac and jar of the JDK that runs the kernel, so the class files suit it
[ -x "$jdk/javac" ] || jdk=$(dirname "$(readlink -f "$(command -v javac)")")
mapfile -t sources < <(find "$here/patch" -name '*.java' | sort)
"$jdk/javac" -nowarn --release 17 -encoding UTF-8 -cp "$spec/tasni-java/$rjk" -d "$spec/classes" "${sources[@]}"
"$jdk/jar" --create --file "$spec/tasni-java/rapaio-patch.jar" -C "$spec/classes" .
# -cp instead of -jar: the patched classes come first, so they replace the jar's own (the main class is the jar
# manifest's Main-Class; the manifest has nothing else that -cp would lose). The toolkit's launcher starts it
# (`tasni --java`): it adds the JVM options the toolkit needs (java.nio opened for Arrow, headless), the same as for
# the command line; TASNI_JAVA keeps the JVM that compiled the patch.
cat > "$spec/tasni-java/kernel.json" <<JSON
{
  "argv": ["$root/toolkit/bin/tasni", "--java", "-Xmx4g",
           "-cp", "{resource_dir}/rapaio-patch.jar:{resource_dir}/$rjk", "org.rapaio.jupyter.kernel.MainApp",
           "{connection_file}"],
  "display_name": "Java (TASNI toolkit)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"TASNI_JAVA": "$java", "RJK_CLASSPATH": "$jar", "RJK_INIT_SCRIPT": "", "RJK_TIMEOUT_MILLIS": "-1",
          "RJK_COMPILER_OPTIONS": "", "RJK_MIMA_CACHE": "mima_cache"}
}
JSON
where=(--user)
[ ${#prefix[@]} -gt 0 ] && where=("${prefix[@]}")
"$jupyter" kernelspec install --replace --name tasni-java "${where[@]}" "$spec/tasni-java" 2>&1 | grep -v "Native kernel" || true

# 4. The kernelspec "tasni-spark" (notebooks/06-spark.ipynb): the same kernel with Spark's jars and Spark's Java 17
# options, read from the files spark/bin/tasni-spark reads (spark/conf/java17.args, spark/target/classpath.txt), so the
# notebook, the launcher and the tests run Spark alike
spark_cp="$root/spark/target/classpath.txt"
spark_jar="$root/spark/target/tasni-spark.jar"
thin=$(ls "$root"/toolkit/target/tasni-toolkit-*.jar 2>/dev/null | grep -v -- '-tests\|-shaded\|original' | head -1 || true)
if [ -f "$spark_cp" ] && [ -f "$spark_jar" ] && [ -n "$thin" ]; then
  mkdir -p "$spec/tasni-spark"
  cp "$spec/tasni-java/$rjk" "$spec/tasni-java/rapaio-patch.jar" "$spec/tasni-spark/"
  python3 - "$spec/tasni-spark/kernel.json" "$java" "$root/spark/conf/java17.args" "$root/spark/conf/log4j2-notebook.properties" \
      "$rjk" "$spark_jar:$thin:$(cat "$spark_cp")" <<'PY'
import json, sys
out, java, args, log4j, rjk, cp = sys.argv[1:]
opens = [l.strip() for l in open(args) if l.strip()]
cp = ";".join(cp.split(":"))   # the kernel splits RJK_CLASSPATH on ';', not on ':'
json.dump({"argv": [java, *opens, "-Dlog4j2.configurationFile=" + log4j, "-Djava.awt.headless=true", "-Xmx4g",
                    "-cp", "{resource_dir}/rapaio-patch.jar:{resource_dir}/" + rjk, "org.rapaio.jupyter.kernel.MainApp",
                    "{connection_file}"],
           "display_name": "Java (TASNI toolkit + Spark)", "language": "java", "interrupt_mode": "message",
           "env": {"RJK_CLASSPATH": cp, "RJK_INIT_SCRIPT": "", "RJK_TIMEOUT_MILLIS": "-1", "RJK_COMPILER_OPTIONS": "",
                   "RJK_MIMA_CACHE": "mima_cache", "SPARK_LOCAL_IP": "127.0.0.1"}}, open(out, "w"), indent=1)
PY
  "$jupyter" kernelspec install --replace --name tasni-spark "${where[@]}" "$spec/tasni-spark" 2>&1 | grep -v "Native kernel" || true
  echo "Kernel 'tasni-spark' installed (notebooks/06-spark.ipynb)."
else
  echo "Kernel 'tasni-spark' not installed: build the spark module first (mvn -B -pl toolkit,spark -am package -DskipTests)." >&2
fi

echo
echo "Kernel 'tasni-java' installed with $jar preloaded."
echo "Start with:  cd $root/notebooks && jupyter notebook      (pick the kernel 'Java (TASNI toolkit)')"
echo "First cell:  %load tasni.jsh                             (imports the toolkit's packages)"
echo "Headless:    jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=tasni-java NOTEBOOK.ipynb"
