/**
 * The standard's registries as generated tables: {@link
 * org.tessera.dicom.dict.ElementDictionary} (data elements of PS3.6 and PS3.7 with VR, VM,
 * keyword and retirement, including repeating groups, group lengths and private creator slots)
 * and {@link org.tessera.dicom.dict.UidDictionary} (the PS3.6 UID registry). Both load a
 * resource table written by {@code dicom/src/build/dictionary/generate.py}, the same run that
 * writes the {@code Tag} and {@code Uid} constants, so the tables and the constants always come
 * from one edition; never edit the tables by hand, rerun the generator.
 */
package org.tessera.dicom.dict;
