<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <source>%n task(s) at the provider, as of {0}.</source>
        <translation>
            <numerusform>%n task at the provider, as of {0}.</numerusform>
            <numerusform>%n tasks at the provider, as of {0}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message numerus="yes">
        <source>%1+ of %n clip(s)</source>
        <translation>
            <numerusform>%1+ of %n clip</numerusform>
            <numerusform>%1+ of %n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n clip(s)</source>
        <translation>
            <numerusform>%1 of %n clip</numerusform>
            <numerusform>%1 of %n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%n clip</numerusform>
            <numerusform>%n clips</numerusform>
        </translation>
    </message>
</context>
</TS>
