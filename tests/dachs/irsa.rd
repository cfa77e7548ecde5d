<!-- IRSA-shaped tables for the Downloader's integration tests: the sample sky of data-samples/, served by DaCHS -->
<resource schema="irsa" resdir="irsa">
  <meta name="creationDate">2026-11-25T00:00:00Z</meta>
  <meta name="title">TASNI test tables shaped like IRSA's AllWISE and NEOWISE-R</meta>
  <meta name="description">Simulated AllWISE sources and NEOWISE-R single exposures (data-samples/ of the TASNI
    toolkit) under the names and types of allwise_p3as_psd and neowiser_p1bs_psd.</meta>
  <meta name="subject">catalogs</meta>
  <meta name="creator">TASNI toolkit</meta>

  <table id="allwise_p3as_psd" onDisk="True" adql="True" mixin="//scs#pgs-pos-index">
    <meta name="description">AllWISE source catalogue (simulated sample).</meta>
    <primary>cntr</primary>
    <stc>Position ICRS "ra" "dec"</stc>
    <column name="cntr" type="bigint" ucd="meta.id;meta.main" required="True"/>
    <column name="designation" type="text" ucd="meta.id"/>
    <column name="ra" type="double precision" unit="deg" ucd="pos.eq.ra;meta.main"/>
    <column name="dec" type="double precision" unit="deg" ucd="pos.eq.dec;meta.main"/>
    <column name="w1mpro" type="real" unit="mag" ucd="phot.mag;em.IR.3-4um"/>
    <column name="w2mpro" type="real" unit="mag" ucd="phot.mag;em.IR.4-8um"/>
    <column name="w3mpro" type="real" unit="mag" ucd="phot.mag;em.IR.8-15um"/>
    <column name="w4mpro" type="real" unit="mag" ucd="phot.mag;em.IR.15-30um"/>
    <column name="w1sigmpro" type="real" unit="mag" ucd="stat.error;phot.mag"/>
    <column name="w2sigmpro" type="real" unit="mag" ucd="stat.error;phot.mag"/>
    <column name="w3sigmpro" type="real" unit="mag" ucd="stat.error;phot.mag"/>
    <column name="w4sigmpro" type="real" unit="mag" ucd="stat.error;phot.mag"/>
    <column name="w1snr" type="real" ucd="stat.snr"/>
    <column name="w2snr" type="real" ucd="stat.snr"/>
    <column name="w3snr" type="real" ucd="stat.snr"/>
    <column name="w4snr" type="real" ucd="stat.snr"/>
    <column name="pmra" type="integer" unit="mas/yr" ucd="pos.pm;pos.eq.ra"><values nullLiteral="-999999"/></column>
    <column name="pmdec" type="integer" unit="mas/yr" ucd="pos.pm;pos.eq.dec"><values nullLiteral="-999999"/></column>
    <column name="cc_flags" type="text" ucd="meta.code"/>
    <column name="ext_flg" type="smallint" ucd="meta.code"><values nullLiteral="-1"/></column>
    <column name="ph_qual" type="text" ucd="meta.code.qual"/>
    <column name="nb" type="integer" ucd="meta.number"><values nullLiteral="-1"/></column>
    <column name="na" type="integer" ucd="meta.number"><values nullLiteral="-1"/></column>
  </table>

  <table id="neowiser_p1bs_psd" onDisk="True" adql="True" mixin="//scs#pgs-pos-index">
    <meta name="description">NEOWISE-R single-exposure source table (simulated sample).</meta>
    <primary>cntr</primary>
    <stc>Position ICRS "ra" "dec"</stc>
    <column name="cntr" type="bigint" ucd="meta.id;meta.main" required="True"/>
    <column name="ra" type="double precision" unit="deg" ucd="pos.eq.ra;meta.main"/>
    <column name="dec" type="double precision" unit="deg" ucd="pos.eq.dec;meta.main"/>
    <column name="mjd" type="double precision" unit="d" ucd="time.epoch"/>
    <column name="w1mpro" type="real" unit="mag" ucd="phot.mag;em.IR.3-4um"/>
    <column name="w1sigmpro" type="real" unit="mag" ucd="stat.error;phot.mag"/>
    <column name="w2mpro" type="real" unit="mag" ucd="phot.mag;em.IR.4-8um"/>
    <column name="w2sigmpro" type="real" unit="mag" ucd="stat.error;phot.mag"/>
    <column name="qual_frame" type="integer" ucd="meta.code.qual"><values nullLiteral="-1"/></column>
    <column name="qi_fact" type="real" ucd="meta.code.qual"/>
    <column name="saa_sep" type="real" unit="deg" ucd="pos.angDistance"/>
    <column name="moon_masked" type="text" ucd="meta.code"/>
    <column name="cc_flags" type="text" ucd="meta.code"/>
    <column name="nb" type="integer" ucd="meta.number"><values nullLiteral="-1"/></column>
    <column name="na" type="integer" ucd="meta.number"><values nullLiteral="-1"/></column>
  </table>

  <data id="import_allwise">
    <sources>data/allwise_p3as_psd.csv</sources>
    <csvGrammar/>
    <make table="allwise_p3as_psd"><rowmaker idmaps="*"/></make>
  </data>
  <data id="import_neowise">
    <sources>data/neowiser_p1bs_psd.csv</sources>
    <csvGrammar/>
    <make table="neowiser_p1bs_psd"><rowmaker idmaps="*"/></make>
  </data>
</resource>
