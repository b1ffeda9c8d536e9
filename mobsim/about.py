"""What the About mobsim dialog says: the version and the main sources. Qt-free.

The sources are the textbooks and papers mobsim's model and texts rest on; each preset and
text names its own source in assets/, and doc/model.md gives every reference in full.
"""

from __future__ import annotations

from mobsim import __version__

MAIN_SOURCES = (
    "Hengeveld E, Banks K (2014). Maitland's Peripheral Manipulation, 5th ed. Elsevier.",
    "Kisner C, Colby LA (2018). Therapeutic Exercise: Foundations and Techniques, 7th ed., "
    "ch. 5. F.A. Davis.",
    "Kaltenborn FM (2006). Manual Mobilization of the Joints, Vol. I: The Extremities. Norli.",
    "Magee DJ. Orthopedic Physical Assessment. Elsevier.",
    "Gulick DT (2020). Yoga Phys Ther Rehabil 5:1074 (quartile grades, Mobil-Aider).",
    "Petty NJ et al. (2002). Man Ther 7:39–43 (force–displacement curves, R1).",
)

PURPOSE = (
    "A simulator that teaches joint-mobilisation grades (Maitland I–V, accessory glides, "
    "Kaltenborn). A teaching aid: it does not replace clinical training or judgement."
)


def about_lines() -> list[str]:
    return [f"mobsim {__version__}", PURPOSE, "Main sources:", *MAIN_SOURCES]
