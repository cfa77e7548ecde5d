import java.nio.file.*;
import java.util.*;
import tech.tablesaw.api.*;
import tech.tablesaw.plotly.components.Figure;
import org.tasni.io.*;
import org.tasni.sky.*;
import org.tasni.simulate.*;
import org.tasni.crossmatch.*;
import org.tasni.variability.*;
import org.tasni.notebook.*;
import org.tasni.bench.*;
import org.tasni.download.*;
import org.tasni.pipeline.*;
// stages show their progress in the cell without being given a listener (the kernel's display provider does this too)
NotebookProgress.useByDefault();
