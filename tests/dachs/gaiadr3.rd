<!-- A table shaped like the Gaia archive's gaiadr3.gaia_source (the columns the toolkit selects), from data-samples/ -->
<resource schema="gaiadr3" resdir="gaiadr3">
  <meta name="creationDate">2026-11-25T00:00:00Z</meta>
  <meta name="title">TASNI test table shaped like Gaia DR3's gaia_source</meta>
  <meta name="description">Simulated Gaia sources (data-samples/ of the TASNI toolkit).</meta>
  <meta name="subject">catalogs</meta>
  <meta name="creator">TASNI toolkit</meta>

  <table id="gaia_source" onDisk="True" adql="True" mixin="//scs#pgs-pos-index">
    <meta name="description">Gaia DR3 sources (simulated sample).</meta>
    <primary>source_id</primary>
    <stc>Position ICRS "ra" "dec"</stc>
    <column name="source_id" type="bigint" ucd="meta.id;meta.main" required="True"/>
    <column name="ra" type="double precision" unit="deg" ucd="pos.eq.ra;meta.main"/>
    <column name="dec" type="double precision" unit="deg" ucd="pos.eq.dec;meta.main"/>
    <column name="pmra" type="double precision" unit="mas/yr" ucd="pos.pm;pos.eq.ra"/>
    <column name="pmdec" type="double precision" unit="mas/yr" ucd="pos.pm;pos.eq.dec"/>
    <column name="parallax" type="double precision" unit="mas" ucd="pos.parallax"/>
    <column name="phot_g_mean_mag" type="real" unit="mag" ucd="phot.mag;em.opt"/>
    <column name="ref_epoch" type="double precision" unit="yr" ucd="meta.ref;time.epoch"/>
  </table>

  <data id="import">
    <sources>data/gaia_source.csv</sources>
    <csvGrammar/>
    <make table="gaia_source"><rowmaker idmaps="*"/></make>
  </data>
</resource>
