"""Given names ("Sofia", "Milan", "Jack", "Kevin"), folded as gazetteer.fold folds: a run headed by a place that
is no given name ("Sheffield Wednesday", "London Heathrow") or a name ending in a city that follows no given
name ("Real Madrid") is named after the place, not a person (builtin.py).

Made by tools/given_names.py from Faker 40.63.0's first-name lists (MIT licence), its locales written in Latin
letters; names only its locale "en" lists that are large places or everyday English words ("London", "West")
are left out.
"""

_NAMES = """
aaaqil aaban aabid aachal aada aadam aaden aadhya aadi aadil aafiya aage aagot aahana aahil aalam aalee aalim
aaliyah aamil aamir aamirah aanuoluwapo aapo aaqil aarav aarif aarini aariz aarna aarnav aarne aaro aaron aarush
aaryan aashi aashif aashir aasif aasim aatif aatiq aatos aaus aayan aayush aazim ab aba abaan abagail abayomi abb
abbas abbey abbi abbie abbigail abbos abbott abby abdalla abdallah abdelatif abdelkader abdellah abderaouf
abderrahmane abdi abdiel abdihakim abdirahman abdis abdon abdu abduaziz abduboriy abdul abdulahat abdulbekir
abdulcemal abdulgazi abdulhadi abdulhamid abdulkadir abdulkerim abdullah abdullahi abdulloh abdulmenaf abdulsamed
abdulsemet abdumalik abdurahmon abdurrahman abdurresit abe abebi abednego abeer abeiku abel abela abelardo abelone
abena abeni abha abhimanyu abhiram abid abie abigael abigail abigaili abigale abigayle abilio abina abiodun abiona
abiye abjørn abner abosede abraham abram abril abror abubakar abubakr abuzar abyasa acar acarkan ace acey achiel
achieng achille achim achsah acie aclan acy acıkel acılay ada adaeze adah adak adal adalbert adalberto adaline
adalyn adalynn adam adamaris adamo adams adan adasal adda addi addie addison addisyn addy addyson ade adebiyi
adebowale adebukola adedayo adedeji adekitan adekola adekunle adel adela adelaida adelaide adelard adelardo adelasia
adelbert adele adeleke adelgunde adelheid adelia adelin adelina adelinde adeline adell adella adelle adelmo adelyn
adelynn adem aden adenike adeniyi adeolu adeoti adepeju aderopo adesewa adeshina adesoji adesua adetayo adetoke
adetoun adeyi adhiarja adhra adi adia adiarja adiel adiela adigun adika adikara adil adila adilene adimu adin adina
adinata adis adison aditya adlai adlan adline admir admiral adnan adolf adolfine adolfo adolfs adolph adolphe
adolphus adomas adonis adora adoracion adrain adria adriaan adrian adriana adriane adrianna adrianne adriano adriel
adrien adriene adrienn adrienne adrija adrijana adron adunni advaith advay advik advika adviye adweta adwoa adya
adyson adıgun aedan aedin aengus aenne afaq afer aferdita affie afia afife afil afiq afolarin afonso afra africa
afrim afruza aftin afton afua aga agahadi agakisi agamalı agamusa agapito agastya agata agatha agathe agaxan agbegim
agca age aggie aggrey agim agla aglaia agmur agnar agne agnea agnes agnesa agnese agness agneta agnete agni
agnieszka agnolo agnos agostina agostino agripina agris agron agueda agus agust agusta agustin agustina agustus agða
ah ahat ahmad ahmed ahmet ahsen ahter ahti aicha aida aidan aideen aiden aidyn aiga aigars aija aijuka aiko aila
ailbhe aileen ailene aili ailis ailish aimable aime aimee aimo aina ainara ainars aine aino ainoa ainsley airi aisha
aishani aishling aisling aislinn aistis aisyah aitana aitor aivar aivaras aivars aiyana aiyanna aja ajala ajan ajani
ajda ajeng ajiman ajimat ajimin ajiono ajla ajna ajoke akalan akanmu akar akarsana akatay akay akbar akbas akboga
akcabay akcasu akcivan akdora akdurmus ake akeelah akeem akgol akgunes aki akif akinkunmi akinlabi akinwale akinyi
akira akise akkerman akmal akmaner akmaral akobir akos akosua akoth akoz akram aksay aksel akseli akshay aksogut
aksoy aktemur akua akumaa akumu akver akwasi akwesi akyıldız akınal ala alaaddin alabezek alade aladin aladino
alaeddin alain alaina alambana alamiro alamu alan alana alanalp alani alanis alanna alannah alanta alanzo alara
alastair alattin alaya alayna alaz alba alban albano albeiro alberico albert alberta alberte albertha albertina
albertine alberto alberts albertus albin albina albino albion albrecht albulena alby alcan alcee alcide alcides
alcie alcira alda aldair aldar aldemar alden alderano aldin aldis aldny aldo aldona aldonza ale alea aleah alease
alec alecia aleck aleen aleena aleida aleisha aleix alejandra alejandrina alejandro alejo alek aleks aleksandar
aleksander aleksandr aleksandra aleksandras aleksandrs aleksanteri aleksei aleksej aleksi alemsah alen alena alene
alenka aleodor ales alesha alesia alessandra alessandro alessia alessio aleta aletha alethea aletta alex alexa
alexandar alexande alexander alexandr alexandra alexandre alexandrea alexandria alexandrie alexandrina alexandro
alexandros alexandru alexe alexei alexej alexi alexia alexina alexis alexius alexus alexys alexzander alf alfa alfar
alfdis alferd alfey alfgeir alfgerður alfgrimur alfheiður alfhildur alfie alfifa alfio alfons alfonse alfonsina
alfonso alfonz alfonzo alford alfred alfreda alfredo alfreds alfreð alfros alfrun alfsol alfur alfþor alger algernon
algie algirdas algot algıs ali alia aliabbas aliana alica alice alicia alicja alida aliihsan alijah alika alin alina
aline alinur alirio aliro alis alisa alise aliseydi alisha alison alissa alisson alistair alistar alister alivia
alix aliya aliyah aliyu aliza alize alizee alja aljaz aljosa alka alkor alla allahverdi allan allana allean alleen
allegra allen allena allene alli allie alline allison allisson ally allyn allyson allyssa alma almar almasi almast
almaz almeda almedia almendra almer almeta almina almir almira almon almond almudena almus almut almuth almyra alois
aloisia alojz alojzia alojzij alojzija aloma alondra alonso alonza alonzo aloys aloyse aloysius alparslan alpcan
alpheus alphonce alphons alphonse alphonsine alphonso alphonsus alpin alpsu alrekur alrun alsoy alston alta altha
althea altie altin alto altogan alton altug altınbike altıncicek altınkaya altınısın alva alvah alvan alvar alvaro
alve alveiro alvena alver alvera alverda alverta alvia alvie alvilda alvin alvina alvine alvira alvis alvy alwilda
alwin alwina alwine aly alya alyce alycia alys alysa alyse alysha alysia alyson alyssa alyssia alyvia alzbeta alzina
alısık ama amac amada amadea amadeo amadeus amado amador amahle amaia amaira amal amalia amalie amalija amancio
amanda amandine amando amani amar amara amarachi amare amari amarilis amarion amaris amaro amaru amasa amaury amaya
ambar amber amberly ambers ambre ambrose ambrosio ambroz amedeo amedeu amel amela amelia amelie amelija america
americo amerigo amey ami amiah amico amie amil amilcar amilia amin amina aminatu amine amir amira amirah amit amiya
amiyah amleto amma ammie ammon amoke amol amon amondi among amope amor amos amparo amra amre amri amrita amruta
amundi amy amy-lee amy-leigh amya amza an ana anabel anabela anabella anabelle anacleto anaelle anahera anahi anahis
anaida anais analia anamaria anamika ananias anar anargul anaru anas anasa anastacia anastacio anastasia anastasie
anastasio anastasios anastatia anastazie anastazja anatol anatole anatoli anatolie anatolij anay anaya anca ancel
ancil ancizar ancuta anda andela anders anderson andic andile andjela andjelina andon andor andra andrada andrae
andras andre andrea andreas andree andreea andrei andreia andrej andreja andrejka andrejs andrena andres andress
andrew andrey andri andria andrian andrija andrin andrina andris andrius andrus andrzej andwele andy ane anej anel
anemona anes aneta anete anett anetta anette anezka anfernee anfinn angalia angantyr angavu ange angel angela angele
angeles angelia angelic angelica angelika angelina angeline angelino angelique angelita angella angelo anggabaya
anghel anghelina angi angie angus anh ani anibal anica anice anicet anie aniela anika aniko anina anirudh anis anisa
anisoara anissa anita anitra aniya aniyah anja anjali anjanette anjelica anjolaoluwa anka anke ankica anmol ann
ann-britt ann-charlott ann-charlotte ann-christin ann-christine ann-kathrin ann-kristin ann-louise ann-mari
ann-marie ann-sofi ann-sofie anna anna-karin anna-lena anna-liisa anna-lisa anna-luise anna-maria anna-marie annabel
annabell annabella annabelle annah annak annalena annaliese annalisa annalise annamae annamaria annamarie annar
annarr annas annastacia anne anne-catherine anne-francoise anne-kathrin anne-katrin anne-laure anne-lise anne-marie
anne-rose anne-sophie annedore annegret annegrete annekatrin anneke annel anneleen annelene anneli annelie annelies
anneliese annelise annelore annemarie annemette annemie annemijn anner annerose annes annet annett annetta annette
anney anni annia annibale annica annice annick annie anniina annija annika annikki annina annis annita annmarie
annukka annunziata anny anom anon anona anoni anouk ansaldo ansel anselm anselma anselmo ansgar ansh ansis ansley
anson ansora anssi antal antanas ante antero anthoney anthony antim antione antionette antje anto antoaneta antoin
antoine antoinette anton antone antonela antonella antonello antonetta antonette antoni antonia antonie antonieta
antonietta antonija antonin antonina antonino antonio antonios antoniu antonius antons antony antoon antra ants
antti antun antwain antwan antwon anu anunciacion anusha anuta anvar anvi anwar anya anyango anyelo anyi anze anđa
anđela aodhan aoibheann aoibhin aoibhinn aoife aongus apaydın apisara apolena apolinar apolline apollo apollonia
apolonia apostolos april aqil aquiles ara arabella araceli aracely aradhana arah aral araminta aran aranka aranzazu
aras arba arben arbey arbie arbjartur arbjorg arbjorn arbjort arbnor arcan arcelia arch archer archibald archie arda
ardath ardelia ardell ardella ardelle arden ardeth ardian ardis ardit ardita ardith ardyce areli arelia arelius
arely arent ares aretha arey arezki argeir argemiro argie argils argono argu arham ari aria ariadna arian ariana
ariane arianna arianne aribert aric arie ariel ariela ariele ariella arielle arietta arif arifcan arija arijus arike
ariki arild arilius arin arina arinbjorg arinbjorn arinola aris arisa arisara aristide aristides aristita arius arja
arjun arkadiusz arkie arkut arla arlan arland arlaug arleen arlen arlena arlene arlet arleth arletta arlette arley
arlie arlin arlind arlinda arline arlis arlo arly arlyn arlyne armahan arman armand armandas armande armando armands
armani armann armas armelle armend armenia armey armida armin arminas arminda arminta armond armstead arna arnald
arnaldo arnaldur arnar arnas arnau arnaud arnaude arnav arnberg arnbergur arnbjorg arnbjorn arnborg arnd arndis
arndor arndt arne arnes arnett arnetta arney arnfinna arnfinnur arnfreyr arnfried arnfriður arngeir arngerður
arngils arngrimur arngunnur arnheiður arnhildur arni arnie arnika arnim arnina arnis arnkatla arnkell arnlaug
arnlaugur arnleif arnleifur arnlin arnljot arnljotur arnmoður arnmundur arno arnoddur arnold arnoldas arnoldo
arnolds arnor arnora arnost arnros arnrun arnsteinn arnulf arnulfo arnulfur arnviður arny arnþor arnþora arnþruður
aroa aroha aron aronas arora arpad arpag arra arran arrie arron arsenie arsenio arsim arsipatra arsol arsæl arsæll
arta artan artanto artawan artelia artemio artemisa arther arthor arthur artie artis arto arttu artturi artur
arturas arturo arturs aru arun arunas arunima arusi arveig arvel arvid arvids arvil arvilla arvin arvo arvok arvydas
arya aryan aryana aryanna arziye arzu arþora arıel arıkol arıpınar arısoy as asa asad asael asafe asake asalet asali
asani asanti asatira asberg asbergur asberry asbjorg asbjorn asbjørn asborg asbury ascension asdis asdrubal ase
asfriður asgautur asgeir asger asgerður asgils asgrimur asha ashan ashanti ashby ashely asher ashildur ashlea ashlee
ashleigh ashlene ashley ashli ashlie ashling ashly ashlyn ashlynn ashton ashtyn asi asia asif asila asilbek asiman
asir asiri asirwada asirwanda askatla askell askja asko askur asla aslakur aslan aslanhan aslaug aslaugur asleif
aslijan asliye asma asmadi asman asmar asmianto asmini asmira asmundur asmuni asny asolfur ason aspar aspen asros
asroður asrun assa assar assia assumpta assunta ast asta astbjorg astbjorn astbjort astdis astfriður astgeir
astgerður astheiður asthildur astmar astmundur aston astraður astrid astride astrikur astrit astriður astros astrun
astvald astvaldur astvar astveig astvin astþor astþora astþruður asu asuncion asvaldur asvarður asvor aswani asþor
asım ataahua atabala atagun atalay atalia atamoglan atanur atasagun atatore atena atenulf atfat atgun atha
athanasios atharv atheel athena athman athuman athumani ati atiena atieno atila atilhan atilio atinuke atit atiyye
atla atlanta atlas atli atma atmaja atnan attaf atte atticus attie attila attilio attracta atılgan aubra aubree
aubrey aubrie aud aude audie audley audra audrey audriana audrianna audrina audrius audry audy august augusta
augustas auguste augustin augustina augustine augusto augusts augustus aukusti aulikki aulis aune aunyaporn aura
auraq aurea aureja aurel aurelia aurelian aureliana aureliano aurelie aurelien aurelija aurelio aurica aurilla
aurimas aurora aurore aurthur ausma ausra ausrine austar austen austin austine austmann austmar auston austra austri
austyn auther authur autry autumn auðbergur auðbert auðbjorg auðbjorn auðbjort auðdis auðgeir auðkell auðlin
auðmundur auðna auðny auðolfur auðrun auðun auðunn auður ava avah avelino averi averie averil avery avgust avi avie
avis avni avon avram avril avsin avunc awadil awamil awamiri awan awani awero awesi awhina awj awlya awmar awrad
axel axelia axelle axelma axenia axinte aya ayaan ayamin ayan ayana ayanna ayasun ayaydın aybet aybora aycagul aycan
aydan aydar ayden aydin aydinc ayduru aydın aydınbey ayelen ayesha aygonenc aygul aygun aygutalp ayhan ayinde ayinke
aykut aykutalp ayla ayleen aylil aylin aylla ayman aymen aymeric aynilhayat aynur aynımah ayodeji ayodele ayoka
ayoub aypar aysan aysar ayse ayseana aysel aysema aysenur aysevim aysoy aysu aysuna aytek ayten aytoz aytuna ayu
ayub ayulker ayush ayushman ayvas ayyaruk ayyubi azaan azad azade azahar azahara azalea azalee azaria azariah azban
azeeb azeglio azeneth azettin aziz aziza azize azizi azra azucena azul azuolas azzie aðalberg aðalbergur aðalbert
aðalbjorg aðalbjorn aðalbjort aðalborg aðalborgar aðaldis aðalfriður aðalgeir aðalheiður aðalmundur aðalraður
aðalros aðalsteina aðalsteinn aðalsteinunn aðalveig aðolf aþena baaba baahir baaizeed baaqee baaqir baaree baashir
baasim baasit baba babar babasola babatunji babawale babe baber babett babette babyboy baccio bachittar badawi
badegul badr bagas bagdas bagdat baghyawati bagiya bagus bagya baha bahaa bahaddin bahadurjit bahadır bahari bahati
bahittin bahtinur bahuraksa bahuwarna bahuwirya baiba bailee bailey bailie bairbel bairbre bairon bajragin bajram
bakari bakda baker bakhshi baki bakiadi bakianto bakidin bakijan bakiman bakiono bakti baktiadi baktianto baktiono
bala balamantri balangga balapati balatekin balaxanım balazs balca baldassare baldey baldomero baldrun balduino
baldur baldvin baldvina baldwin bale baleegh balendra balhaar bali balidin balijan balinda balint baljiwan ballard
ballı baltas baltasar baltazar balthasar balvan balveer balz bama bambad bambang bambi banara banawa banawi bancar
bandile banel banjeet banu baptist baptiste baqar baqir bara barak baraka barasa barb barbara barbel barbie barbora
barbra barbro barbu barica baris barkha barna barnabas barnard barnett barney barnie baron barr barraq barrett barri
barrie barron barry barsen bart bartek bartholomaus bartholomew bartley bartolome bartolomej bartolomeo bartolomeu
barton barði barður barıscan bas basaam basarab basay bascom baseer basel basem bashaar bashaarat bashan bashar
basharat basheer basheerah bashkim basil basile basilio basim basir basok basriye bassam bassi bastiaan bastian
bastien basım batal batool baturay batırhan baudelio baudouin baugur bautista baxter bayard baydu baykan baylee
baylie bayman bayram bayron bayruhan baytal bayzettin bazam bea beadie beat beata beate beatrice beatrijs beatrix
beatriz beau beauden beaulah bebba bebe beckett beckham beckie becky beda bedford bedi bediriye bedri bedrich bee
beecher begga begim begona behiza behrem behruz beinir beinteinn beitir bekan bekbay bekim bekir bektasi bela
belarmino belen belgizar belia belinda belisario belkize bella belle bellisan bello belo belton belva ben bena
benadik benard benas bence bendeguz benedek benedetto benedict benedicte benedicto benedikt benedikta benedikte
benedita benek bengibay bengt bengta beni benia beniamin benice benicio benidikt benidikta benigna benigno benita
benito benjaman benjamen benjamim benjamin benjamine benji benjiman benjman benn benna bennett benney bennie benno
benny benoit benol benone benoni benony benson bent benta bente bentey benthe bentina bentley bento benton benvenuto
beppe bera berat beray berdie beren berend berends berengere berenice berent berezat berg bergdis bergen bergey
bergfinnur bergfriður bergheiður berghildur berghreinn bergjon berglaug berglin berglind bergljot bergmann
bergmannia bergmar bergmundur bergny bergran bergrin bergros bergrun bergsteinn bergsveinn bergur bergvin bergþor
bergþora berit beriye berkal berki berkley berksay bernabe bernadett bernadette bernadine bernard bernarda
bernardine bernardino bernardita bernardo bernd bernd-dieter berndt berneice bernetta bernfried bernhard bernhardine
bernharð bernharður berni bernice bernie berniece bernita bernodia bernodus bernt bernward berra berran berrin berry
bersi bert berta bertalan bertel bertha berthe berthold bertie bertil bertina berto bertold berton bertram bertrand
bertulis beryl besart besarta besey beshte besim besin besnik bess besse bessi bessie beste bestla beta betania beth
betha bethan bethann bethany bethel bethzy betina betsey betsy bett bette betti bettie bettina betty bettye
bettyjane bettylou betuel beula beulah bev bevan beverlee beverley beverly beyda beyhatun beyler beyonce beyzade
bezek bhanumati bhavani bhavika bhavini bhavna bhavya bhekani bhekisisa bhekizizwe bhekokwakhe biagio bianca bianka
bibi bibiana bibisora bibuwa bican bidayet biddie bieke biel bienvenida bil bilaal bilal bilay bilender bilgen
bilginur bilgutay bilha biljana bilkay bilkisu bill billie billie-jo billy billye bilol biltas bimala bina binay
binbasar binısık birben birdella birdie birger birgid birgir birgit birgitt birgitta birgitte birgul birkir birna
birnir birousk birsan birsen birt birta birte birtha birthe birtie birtingur birtir birtna biruta bisar biserka
bishakha bishop bitten bitul bizhan bjargar bjargdis bjargey bjargheiður bjarghildur bjarglind bjargmundur bjargþor
bjarkan bjarkar bjarkey bjarki bjarklind bjarma bjarmar bjarmi bjarnar bjarndis bjarne bjarney bjarnfinnur
bjarnfreður bjarnfriður bjarngerður bjarnharður bjarnheiður bjarnheðinn bjarnhildur bjarni bjarnlaug bjarnlaugur
bjarnleifur bjarnolfur bjarnrun bjarnsteinn bjarnveig bjarny bjarnþor bjarnþora bjarnþruður bjartey bjartmann
bjartmar bjartmey bjartur bjartþor bjolan bjolfur bjorg bjorgey bjorgheiður bjorghildur bjorgmundur bjorgolfur
bjorgulfur bjorgvin bjork bjorn bjorney bjornfriður bjornolfur bjort bjørg bjørn bladimir blaey blahoslav blain
blaine blair blaise blake blanaid blanca blanch blanchard blanche blanchie blandine blanduzia blane blanka blas
blathnaid blaz blaze blazej blazena blerim blerina blerta blessing blin bliss bliða blomey blossom bluette bluford
blædis blængur blær blævar bo boas boaz bob boban bobba bobbi bobbie bobby bobbye bobur bode bodhi bodil bodo boe
boel boga bogatimur bogdan bogdana bogdis bogey bogga boghildur bogi boglarka bogomir bohdan bohdana bohumil
bohumila bohumir bohus bohuslav bohuslava boi bojan bolatito bolden boleslav bolli boluwatife boma bonface bonifac
boniface bonifacio bonita bonnie bonny bonu booker boone borahan boratas borbala borg borgar borgdis borghildur
borgny borgrun borgulfur borgþor borgþora boris borivoj borja borje borkur borris bortecin borut borys bose bosibori
boss bostjan bot bothildur botnia botolfur botond bouchra bowman boyce boyd boynak boysie bozbag bozena bozerk
bozica bozidara bozo boztas boði boðvar bra brad braden bradley bradly bradut brady bradyn braeden braedon braelyn
braga braghildur bragi brahim braiden brak bram bramwel brandan branddis brande brandee branden brandi brandie
brandin brandon brandt brandur brandusa brandy brandyn branislav branislava branka branko brannon branson brant
brantley braulio bravin braxton brayan brayden braydon braylen braylon brea breana breandan breann breanna breanne
brecht breda bree breeda breege breffni breki brencis brenda brendah brendan brenden brendon brenna brennan brennen
brennon breno brent brenton breonna bresi brestir bret bretislav brett bria brian briana brianda brianna brianne
brice brid bridger bridget bridgett bridgette bridgit bridie briek brielle brien briet brieuc briget brigette
brighid brigid brigida brigita brigitta brigitte brijesh briley brilyant brimar brimdis brimhildur brimi brimir
brimrun brinda brinley brion brionna brisa brit brita britany britney britni britny britt britt-mari britt-marie
britta brittaney brittani brittanie brittany brittnay brittnee brittney brittni brittnie brittny britton brjann
brock broddi broderick brodie brody brogan brona bronach bronagh bronislava bronson bronwen bronwyn brook brooke
brooklyn brooklynn brooks bror bruce bruna brunhild brunhilde bruni brunilda bruno bryan bryana bryanna bryant bryce
brycen brylee bryn bryndis brynfriður bryngeir bryngerður brynheiður brynhildur brynja brynjar brynjolfur brynjulfur
brynlee brynleifur brynn brynny brynsteinn bryntyr brynþor bryon bryony bryson bryton buck bucur bud budd buddie
buddy budi buel buelah buell buena buenaventura buffy buford buget buhari bui bujar bukurije bula bulah bulunc buna
bunk bunmi bunyamun buraid burak burakhan burc burckhard burcuhan burdette buren bureyre burgess burghard buri burim
burk burkard burke burkhard burkhardt burkney burkni burl burleigh burley burnell burnett burney burnice burnie
burns burr burrel burrell burt burton busara busisiwe busra busranur buster butch butler buyrukhan bylgja bynum byrd
byrdie byron bystrik bæring bæringur bæron bøje børge błazej cabbar cabir cacilia cacilie caddie cade caden cadence
cael caesar caetana caga cagak cagdan cager caglar caglasın cagveren cahal cahan cahangir cahir cahya cahyadi
cahyanto cahyo cahyono caiden cailin cailum cailyn cain caio cait caitlin caitlyn caitlynn caitriona caius cajsa
cakar caket cakrabirawa cakrabuana cakrajiya cakrawala cakrawangsa cakırca cal calcedonio caldonia cale caleb calebe
caleigh calhoun calin calista calisto calixta calixto calla callan calleigh callie callum calogero caltı calum
calvin calvince calım cam cambria camden camelia cameron cami camil camila camilla camille camillo camillus camilo
camisha cammie camok campbell campo camren camron camryn can canal canan canberk candace candela candelaria
candelario candelas candeniz candi candice candida candido candis candra candrakanta candy candyce canfeza cangur
canice cannie cannon cannur canseven cansin cantemir cantez canur canyon caoilfhionn caoimhe caoimhin caolain caolan
caomhan capa capitola capkan cappie caprice captain capucine cara caragh caraka caren carey cari caridad carie carin
carina carine carisa carissa carita carl carl-heinz carl-johan carla carlee carleen carleigh carlene carleton carley
carli carlie carlijn carlisle carlito carlo carlos carlota carlotta carlton carly carlyle carlyn carma carmel
carmela carmelita carmella carmelo carmen carmenza carmina carmine carminho carnell caro carol carola carolann
carole carolee carolien carolin carolina caroline carolyn carolyne carolynn caron carra carren carri carrie carrol
carroll carsen carson carsten carter carub cary caryl caryn cas casandra casemiro casen casey casian casiana casie
casimer casimir casimiro cason caspar casper cass cassandra cassidy cassie cassius cassondra caswell cataleya
catalin catalina catarina caterina cathal catharina catharine catherina catherine catheriona cathern cathey cathi
cathie cathleen cathrin cathrina cathrine cathriona cathryn cathy catia catina catinca cato catrin catrina catrine
catrinel catriona catur caturangga caua caue cavad cavid cavit cavuldur cawisadi cawisono cawuk cayadi cayden
caydence cayetana cayetano cayla caylee cazimir ceara ceasar cebesoy cebrian cecelia cecep cecil cecile cecilia
cecilie cecilija cecilio cecille cecily cedide cedric cedrick cedrin ceferino ceil celal celem celena celene celesta
celeste celestia celestin celestina celestine celestino celia celie celikkan celikyurek celilay celina celinda
celine celso cem cemal cemalettin cemani cemeti cemil cemiyle cemplunk cena cenan cengiz cengkal cengkir centa
centrine ceola cephus cerasela cerci cercis cesar cesare cetin cetinsu cevale cevheri cevikoz cevregul ceyhun ceyla
ceylin ceylon ceyran cezar cezara cezary cezayir chaaya chabane chace chad chadd chadrick chadwick chaifah chaim
chaitaly chaitanya chaiwut chaka chakradev chakradhar chakrika chalisa chalmer chalmers chamali chaman chameli champ
champak chana chanakya chancey chanchal chancy chandani chandler chandra chandran chandresh chanel chanelle chaney
chanez changaz chanie chanikan chaniya channie channing chantal chante chantel chantelle chanya charan charis
charissa charisse charita charity charla charle charlee charleen charlene charles charlesh charley charlie charline
charlize charlott charlotta charlotte charlottie charls charlsie charlton charly charmaine charo charolette charos
charvi chas chase chashida chasity chasmum chastity chatresh chatura chau chauncey chauncy chausiki chavvi chawin
chawish chaya chayanin chayapat chaz che chebet chege chelangat chelo chelsea chelsey chelsi chelsie chelsy chema
chepkemoi chepkoech chepkorir cher cheragh cherelle cheri cherie cherif cherilyn cherise cherish cherith cherotich
cherrelle cherri cherrie cherry cherryl cheruiyot cheryl cheryle cheryll chesley chessie chester chestina chet
cheusi cheyanne cheyenne chi chiamaka chiara chibuzo chidimma chigozie chijioke chimere chin chinedu chinelo
chinyere chip chipukizi chiquita chiraz chita chizoba chloe chloie chris chrissie chrissy christa christa-maria
christabel christal christeen christel christelle christen christena christene christer christi christiaan christian
christiana christiane christianne christie christin christina christine christion christl christof christofer
christoffer christop christoper christoph christophe christopher christos christy chrystal chucho chuck chuki
chukwudi chukwuemeka chus chuy chyna chynna cian cianan ciaobella ciara ciaran ciarra ciarrai cicely cicero cici
cielo ciera cierra cihan cihandide ciji cilga cilla cilli cillian cilly cimnaz cinda cindi cindoruk cindy cinerk
cingiz cinnamon cinta cinthia cinthya cintia cinzia ciprian cipriana cipriano ciriaco ciril cirillo cirino cirkeline
ciro cisem citlali citlalli citra claas clabe claes claiborne clair claire claire-lise clara clarabelle clarance
clare clarence claribel clarice clarinda clarine clarisa clarissa clarisse clark clarke clarnce clas classie claud
claude claudette claudia claudie claudina claudine claudio claudiu claudius claudy claus claus-dieter claus-peter
clavs clay clayton clearence cleave cleda clelia clell clella clem clemence clemencia clemens clement clemente
clementina clementine clemie clemma clemmie clemon cleo cleola cleon cleone cleopatra cleophas cleora cleta cleto
cletus cleva cleve clevie clide cliff cliffie clifford clifton climaco clint clinton cliodhna cliona clive clodagh
clodomiro cloe clora clorinda clothilde clotilda clotilde clovis cloyd clyda clyde clydie clytie coby codey codi
codie codin codrin codrina codrut codruta cody coen cogay cohen cokan colbert colby cole coleen coleman coleton
coletta colette coley colie colin coline colins colleen collette collie collier collin collince collins collis colm
colman colomba colon colonel colpan colt colten colter colton coluccio colum columba colvin come comfort commodore
conal conall conan conard concepcion concepta concetta concha conchita conchur conleth conley conn connell conner
connie connor conny conor conrad conradin conrado consolata constanca constance constant constanta constantin
constantina constantine constantino constanza constanze consuela consuelo contina conway coolidge cooper copur cora
coraima coral coralia coralie coraline corbett corbin cord corda cordaro cordelia cordell cordella cordero cordia
cordie cordula corean corene corentin coretta corey cori corie corina corine corinna corinne coriolano corliss
cormac cormack corneille cornel cornelia cornelio cornelious cornelis corneliu cornelius cornell cornie corona
corrado corrie corrina corrine corry corsin cortez cortney corvin corwin cory cosima cosimo coskun cosmas cosme
cosmin cosmina cosmo cosqun costache costantino costanzo costel costin coty courteney courtland courtney coy craig
crawford creed crenguta creola crescencia cressie crete crin crina cris crissie crissy crista cristal cristea
cristen cristhian cristhofer cristi cristian cristiana cristiano cristin cristina cristine cristobal cristofer
cristofor cristopher cristy crockett cruz crysta crystal csaba csilla csongor ctibor ctirad cuheyna cullen cuman
cumsud cuneyit curdin curley curro curt curtis curtiss custodia custodio cvetka cvetko cydney cyndi cyntha cynthia
cyprian cyriel cyril cyrill cyrille cyrus czeslaw cıdal cıvgın daamin daan daanish daanyaal daawood dabbah dabir
dabney dace dacian daciana dacin dadap dadi dafina dafne dag dagbjartur dagbjorg dagbjort dagel dagfari dagfinnur
dagfriður daggeir daggros dagheiður daghfal dagistan dagmann dagmar dagmara dagmey dagny dagnyr dagobert dagoberto
dagrun dagur dagþor dahiana dahlia dai daiana daiga daija daijah daina dainess dainis dainius daire dairine dairo
daisey daisha daisie daisy daisye daiyaan daja dajana dakhil dakoda dakota dakotah daksh daksha dakshesh dalaja
dalan dalbert dalbir daldis dale daler daley dalia dalibor dalila dalili dalima daliman dalimin daliono dalkılıc
dalla dallas dalli dallilja dallin dalmann dalmar dalmas dalros dalton dalvin damar damarcus damari damarion damaris
dameer dameon damian damiano damien damienne damife damijan damini damion damir damjan damjana damlanur damon damond
damu damurah damyanti dan dana danae danang dancan dancun dandre dane daneen danelius danelle danette daney
danfriður dangelo danheiður danhildur dani dania danial danica daniel daniela daniele danielius daniella danielle
daniels danijel danijela danika danilo danique danish daniswara danita danitza danival danjuma dann danna dannie
danniel dannielle danny danson dante danu danuja danuse danuta dany danyel danyell danyelle danıs daphne daquan dara
daragh darain darby darci darcie darcy dardan darell daren daria darian dariana dariati darien darija darijan darika
darimin darin darina darinka dario darion daris darius dariusz darja darko darl darla darleen darlene darline
darling darlyne darmaji darman darmana darmanto darnell darold daron darpan darragh darran darrel darrell darren
darri darrian darrick darrien darrin darrion darrius darron darry darryl darryle darryll darryn darsh darsirah darta
dartono daru daruna darvin darwin darwyn dary daryani daryl daryle daryn dasa dashawn dasia dastageer daud daudi
daulton daunte davante dave davey davi davian david davida davide davie davin davina davion davis davið davnet davon
davonta davonte davor davorin davy dawid dawn dawna dawne dawson dawud dax daxton dayamai dayami dayana dayanara
dayar dayita dayle dayna dayne dayse dayton dayyaan daðey daði daðina deacon deaglan dean deana deandra deandre
deane deangelo deann deanna deanne deante dearbhail dearbhaile dearbhla deasia deb debbi debbie debbra debby debera
debi debora deborah deborrah debra debrah debroah decebal declan dedra dedric dedrick dee deeann deedee deegan deena
deepa deetta deforest deger degmeer deha deiby deicy deidra deidre deion deirbhile deirdre deisy deividas deja dejah
dejan dejon dejuan del delaney delano delbert delcie delfin delfina delfino delia deliah delil delila delilah delina
delinda delisa della dellar delle dellia dellie delma delmar delmer delmus delois delora delores deloris delos
delpha delphia delphin delphine delsie delton delvin delwin dema demarco demarcus demario demarion demeter demetra
demetri demetria demetric demetrio demetrios demetrius demi demi-lee demi-leigh demian demilade demirbuken demiriz
demirok demiryurek demond demonte dempsey demus dena dendy deneen denes denese denice deniel deniis denine denis
denisa denise denisha denisse denita deniz denizalp denkel dennie dennis denny denton denver denzel denzell denzil
deon deondre deonta deontae deonte dequan derald dereck derek dereon deric derick derik derkay derl derly dermot
dermott deron derrek derrell derrick derval dervilla dervla derwin derya deryanur deryl desean deshaun deshawn desi
desiderio desirae desire desiree desmond despina dessa dessie destany destin destinee destiney destini destiny
destry detlef detlev dev devan devansh devante devaughn deven devi devika devin deviner devon devonta devontae
devonte devyn deward dewayne dewey dewi dewitt dex dexter deyanira dezider dezso dezzie dhriti dhruv dia diah diallo
diamond dian diana dianah diandra diane diann dianna dianne diar diarmaid diarmuid dicie dick dickie dickson dicy
dida didda didier didina diederik diedrich diego dierk dieter diethard diethelm diether dietlind dietlinde dietmar
dietrich digdaya digna dijana dijon diken dilan dilara dilcan dilder dildora dilfeza dilhus dilja dillan dillard
dillie dillion dillon dilnoz dilnur dilsad dilsat dilsitan dima dimas dimaz dimitri dimitrina dimitrios dimmbla
dimmey dimple dina dinah dincer dinckol dincsu dinda dinis dink dino dinu diogo diomedes dion dione dionicio dionigi
dionisia dionisio dionne dionte dionyz dipa dipta dirican dirja dirk dirlik dis disa disella dismas dita ditmar
ditte dittmar divan divya dixie dixon diya diyor diyora diðrik djamel djuana djuna dmitri doa dobromila dobroslav
dobroslava dochia docia dock dodo dofri dogan doganalp dogannur dogansah dogg doguhan dogun doina dola dolensoy doll
dolli dollie dolly dollye dolores doloris dolph dolphine dolphus dolun dom domagoj domald domaldi domaldur domantas
domas domen domenic domenica domenick domenico domhildur domhnall dominga domingo domingos dominic dominick dominik
dominika dominique dominque dominyka dominykas domitila domnica domonique don dona donaciano donagh donal donald
donaldur donat donata donatas donatella donatello donato donavan donavon dondre donell doner donia donie donita
doniyor donn donna donnacha donncha donnell donnie donny dono donough donovan donta dontae donte dor dora doralisa
dorathea dorathy dorcas dorcus doreen dorel dorene doretha doretta dorey dori dorian doriana dorien dorin dorina
dorinda dorine dorinel doris dorit dorita dorla dorle dorli dorman dorota dorotea doroteja dorotha dorothe dorothea
dorothee dorothy dorottya dorr dorris dorsey dorte dortha dorthe dorthea dorthey dorthy doru dorukhan dosha doshia
doshie dosia dosoþeus doss dossie dottie dotty doug douglas douglass dounia dove dovie dovile dovud dovydas dow
doyinsola doyle dozier draga dragan dragana dragica drago dragos dragutin drahomir drahomira drahoslav drahoslava
drajat drake drauma draumey draupnir draven drazen dreki drema drengur drew dries drifa drilon drita driton drofn
droplaug drott drucilla drury drusilla dua duane duard duarte duban ducu dudley dufa duff dufgus dufþakur dugfus
duha dui duilio duje duke dulce dulcie duma dumisani dumisile dumitra dumitrana dumitru duna duncan dundaralp dung
dunia dunja dunn dunya dunyamalı dunyo duong durab duracan durante durdali durdona durell durgadin durmusali durna
durodola durrell durrusehvar dursadiye dursun duruk duruoz durward durwood dusan dusanka dustan dustin dusty dustyn
duuk duvan duwayne duyen duyguhan dvalinn dwain dwaine dwan dwane dwayne dwi dwight dwyane dyan dylan dylano dyllan
dylon dymphna dympna dyrborg dyrfinna dyri dyrleif dyrley dyrmundur dyrunn dzidra dzintars dzintra dæja eadaoin
eakumbu eamon eamonn ean eanna earl earle earlean earlene earley earlie earline earnest earnestine eartha easter
easton eathel eavan eba ebb ebba ebbe ebbi ebbie eben ebeneser ebenezer eber eberg eberhard eberhardt ebert eboni
ebonney ebony ebuakil ebuka ecaterina ecegul ecemis echo eckard eckart eckehard eckhard eckhardt eckhart ecrin eda
edaviye edd edda eddah eddie eddy edel edelbert edelgard edelmira edelmiro edeltraud edeltraut edeltrud eden eder
edgar edgaras edgard edgardo edgars edgubay edhitha edi edie edier edil edilberto edilma edilon edilson edin edina
edinah edinson edison edisson edit edita edite edith editha edla edmon edmond edmonia edmund edmundo edmunds edna
ednah edoardo edon edona edouard edra edrie edris edsel edson edu eduar eduard eduarda eduardo eduards edvard
edvardas edvin edvinas edvins edw edwar edward edwardo edwin edwina edyth edythe eelis eemeli eemil eerik eero eesaa
eesha eetu eeva efe efemia effa effie efil eflatun efraim efrain efrem efren efser eftimia eftimie ega egbert egedia
egenur eggert eggrun eggþor egidijus egil egill egils egla egle egon egzon egzona ehan ehrenfried ehrentraud ehrhard
ehsaas ehsan eider eidvile eija eijaz eik eikar eila eileen eilifur eilis eilish eimantas eimear eimer eimhear einar
einari einbjorg eindis einer einey einfriður einhildur einina einir eino einrun einvarður einþor eir eira eiravati
eirdis eirfinna eirik eirika eirikur eirny eirun eitel eithan eithel eithne eivin eivind eivor eiðar eiðny eiðunn
eiður eja ejaz ejlaal eka ekaja ekalinga ekani ekansh ekanta ekantika ekapad ekaraj ekaterina ekavir ekbal ekber
ekene ekiya ekkehard ekkehart ekmel eko ekow ekrem ekta ekundayo ekundu el el-amin ela eladio elaf elaina elaine
elam elamiye elana elariz elayne elba elberg elbert elberta elbridge elby elcin elcira elcy elda eldar eldbjorg
elden elder eldey eldgrimur eldjarn eldlilja eldmar eldon eldor eldora eldred eldridge eldrun eldur elea eleanor
eleanora eleanore elease eleazar electa eleina elektra elemer elena elenborg eleni elenor elenora elenore elentinus
eleodoro eleonor eleonora eleonore eleuterio elex elfa elfar elfi elfida elfie elfraður elfreda elfrieda elfriede
elfur elgie elgin elgun elhan eli elia eliabeth eliakimu elian eliana eliane elianna elias elick elida elie eliecer
elien elieser eliette eliezer elif elifnur eliga eligah elige eligia eligio elihu eliisa elijah elimar elin elina
elinbergur elinbet elinbjorg elinbjort elinborg elindis eline elingunnur elinheiður elinmundur elinor elinore
elinros elio eliona eliot eliott eliros elis elisa elisabet elisabeta elisabete elisabeth elisabetha elisabetta
elisaveta elise eliseo elisha eliska elissa elita eliud eliza elizabet elizabeta elizabete elizabeth elizah elizbeth
elize elizebeth elka elkana elke elkin ell ella elladio ellamae ellar elle ellen eller ellert ellery elley elli
elliana ellie ellin ellinor elliot elliott ellis ellisif ellison elliði ellsworth ellwood elly ellyn elma elman
elmar elmars elmer elmeri elmidar elmina elmir elmira elmire elmo elmore elmyra elna elnora elnur eloa eloah elodia
elodie elof eloi elois eloisa eloise elon elona elonzo elosy elouise elove eloy elphas elpidio elroy els elsa
elsabet elsad elsbeth else elsebeth elsi elsie elsworth elsy elta elton elturan eluh elva elvan elvana elvar elver
elvera elvi elvia elvie elvin elvina elvira elvire elvis elvy elwanda elwin elwira elwood elwyn elxan ely elyas
elyse elyssa elza elzada elzbieta elzie elzy ema emal emaline eman emanoil emanuel emanuela emanuele emanuella
emanuelly emanuil emas ember embla embrek embuh emeka emelia emeliana emelie emelina emeline emely emelyne emer
emerald emeralda emerson emery emese emett emiel emigdio emil emilce emile emilee emilia emilian emiliana emilianna
emiliano emilie emilien emilija emilio emilis emilly emils emilse emily emin emina emine emir emiro emirsan emis
emit emma emma-louise emmaculate emmah emmalee emmaline emmanuel emmanuelle emmer emmerich emmet emmett emmi emmie
emmit emmitt emmons emmy emogene emong emory emperatriz empluk emran emre emrullah emry emy ena enar encarna
encarnacion encarnita enda endah endra endre endrit ene enea eneka enes enfes engelbert engilbert engilbjartur
engilbjort engiljon engill engilrað engilros engin enginiz engla enid enika eniko eniola enis enith enja enna ennio
ennis enno enoch enock enok enola enos enrico enrika enrique enriqueta ensar ensari ensio enteng enver enya enzi
enzio enzo eoghan eoin eola eowyn ephantus ephraim ephram ephriam epifanio eppie epsie era eral eraldo erasmo
erasmus erastus eraycan erbay erbil erby ercan ercihan erdal erdemer erdibay erdmute erdogan erdursun erem eremia
eren erenalp erensoy eres ergener erginel ergonul ergul ergun erhard erhardt eric erica erich erick ericka erie erik
erika erikas eriks erin erina erincer erion eris erkan erkinel erkki erksoy erkılıc erla erland erlar erle erlen
erlendur erlene erlin erlinda erline erling erlingur erma ermanis ermanno ermenegildo ermes ermina ermine ermutlu
erna ernest ernestas ernestina ernestine ernesto ernests ernie ernir erno ernst ernst-august ernst-dieter ernst-otto
erny erogul erol eron eroz erpur errol ersat ersec ersel ertan erten ertun ertuncay erva ervaniye ervin erving erwan
erwin eryk erykah eryn eryıldız erzsebet esa esau esben esco esekiel esenbay esengun esenturk esequiel esfandyar
eshan eshana esi esila esim esja esjar esker eskil eskinalp esko eslemnur esley esma esmanperi esmarelda esmee
esmeralda esmira esna esneider esparta espartaco espen esperanza espiridion esra esref essa essence essex essi essie
esta esteban estefan estefani estefania estefany estel estela estell estella estelle ester estera esteri estes
estevan esther estiawan estie estill estiono estiva estiven eston estrella esupofo eszter eta etela etelka etelvina
etha ethan ethel ethelbert ethelene ethelyn ethen ether ethie ethna ethne ethyl ethyle etibar etienne etiqad etizaaz
etna etta etter ettie ettore euan eudora eufemia eufrosina eugen eugene eugenia eugenie eugenio eugine eula eulah
eulalia eulalie eulogio euna eunan eunice eunika euphemia eura eusebia eusebio eusebiu eustace eustaquio eustatiu
eutimio eutropio eva eva-lena eva-maria eva-marie evald evaldas evalds evalena evaline evalyn evalyne evamaria evan
evance evander evangelia evangelina evangeline evangelista evangelos evanghelina evans evaristo evcimen evde eve
evelena evelia evelien eveliina evelin evelina eveline evelio evelyn evelyne evelynn ever everet everett everette
everline everlyne evert evertt evette evey evfemia evgenia evi evia evie evija evita evlalia evon evonne evrim
evrimer evy ewa ewald ewan ewart ewatomi ewelina ewell ewin ewing exa exequiel exie ey eyberg eybjorg eybjort eydan
eydis eyfriður eygerður eyglo eyhildur eyja eyjalin eyjolfur eylaugur eyleif eyleifur eylin eymar eymundur eyrikur
eyros eyrun eysteinn eyvar eyveig eyvindur eyvor eyyub eyyup eyþor eyþora eyþruður ezekiel ezell ezequiel ezgin
ezgutekin ezio ezra ezzard eðna eðvald eðvar eðvarð faas faber fabia fabian fabiana fabien fabienne fabio fabiola
fabrice fabricio fabrisius fabrizia fabrizio facundo fadekemi faderera fadil fadile fadime fadıla fae fafnir fahari
fahmi fahrullah fainche faiq fairy faisa faith faizah faizan faize falak falan falgeir falguni falk falki falko
fallon falon falur fami fanaka fancy fannar fannberg fanndis fanney fanngeir fanni fannie fannlaug fanny fannye
faqid farah faraj faraja farangiz faras fares farhan farhiya farhod farhunnisa farid farida farijika fariq faris
fariz fariza faron farouk farrah farrell farris faruk farzona fate fathonah fatigul fatih fatiha fatima fatime
fatinur fatma fatmanur fatmir fatmire faton fatteh fatuma faustas faustino fausto fawn fay faye fayette fayize fazil
fazli fazul feargal fearghal febe febi februn fed fedde fedele feden federica federico federigo fedor fehim
fehintola fehmiye feisal felecia felice felicia feliciana feliciano felicidad felicie felicien felicitas felicity
feliks feline felipa felipe felisa felisha felista felister felistus felix felizitas fella felton fem fema femke
fengur fenna fenne fenni fenrir fenton ferahdiba ferat feraye ferd ferdi ferdinand ferdinando feremez ferenc fergal
fergus ferhan ferhat feriel ferihan ferinaz ferman fermin fermuta fern fernand fernanda fernande fernando ferne
ferney ferny ferre ferrell ferris fersan fertram feruza feryas ferzi festus fetullah feyha feykir feyruz feyzin feza
fia fiachra fiamma fibikemi fidan fidaye fidel fidela fidelia fidelis fidelma fidencio fides fidvi fielding fien
fiene fifa fifill fiifi fikayomi fildan filip filipa filipe filipia filippa filippia filippo filippus filit filiz
filofteia filomena fimar finbar finbarr finian finis finley finn finna finnbjorg finnbjork finnbjorn finnboga
finnbogi finnborg finndis finnegan finney finnfriður finngeir finnjon finnlaug finnlaugur finnros finnur finnvarður
finola fintan fiodor fiona fionan fionna fionntan fionnuala fionnula fiorella fiorenzo fiorino firdavs firdevis
firdovsi firman firmin firudin fisher fisnik fitan fitim fitnat fito fitore fitria fitriani fitzgerald fitzhugh
fiyaz fjalar fjalldis fjarki fjola fjolar fjolla fjolmundur fjolnir fjolvar fjornir flamur flannan flavia flavie
flavio flaviu fleda fleet fleeta flem fleming flemming fleta fletcher fleur flint flo floare floarea floki flonnie
floor floortje flor flora florance flore florea florence florencia florencio florene florent florenta florentin
florentina florentine florentino floretta florian floriana floriane florica floridor florie florim florin florina
florinda florine floris florrie flosi flossie flovent floy floyd flurin flurina flynn foch fodil folashade folda
folke folker folkert folki folu fonda fonn forni forrest fortunata fortunato forum fossmar foster fotima fount
fouzia foy frado fran franc franca france frances francesca francesco franchesca franci francia francies francina
francine francis francisc francisca francisco franciscus francisek franciska francisquita franciszek franck franco
francois francois-xavier francoise francy franjo frank frank-michael frank-peter franka frankie franklin frankline
franklyn franky frann frans fransiska frantisek frantiska franz franz-josef franz-peter franz-xaver franziska frar
fraser frauke frazer frazier fred freda freddie freddy frede frederic frederica frederick fredericka frederico
frederik frederika frederike frederikke frederique fredi fredie fredo fredric fredrick fredrik fredrika fredy freeda
freeman fregn freia freida freja fremont fresia freya freybjorn freydis freygarður freygerður freyja freylaug
freyleif freymar freymoður freymundur freyr freysteinn freyviður freyþor fricis frida fridah fridolin fridrich
frieda friedbert friedemann frieder friedericke friederike friedhelm friedhilde friedhold friedl friedlinde friedo
friedrich friedrich-karl friedrich-wilhelm frigg frimann frithjof fritz friða friðberg friðbergur friðbert friðbjorg
friðbjorn friðbjort friðborg friðdis friðdora friðey friðfinna friðfinnur friðgeir friðgerður friðjon friðjona
friðlaug friðlaugur friðleif friðleifur friðlin friðmann friðmar friðmey friðmundur friðny friðrik friðrika
friðrikka friðros friðrun friðsemd friðsteinn friður friðveig friðvin friðþjofur friðþor friðþora frode froilan
frona fronia fronie fronnie frosti frostros froði froðmar froðny frusina fryderyk fugen fulgencio fuller fulton
fulvio fuma fumiko funi fura furman fusi fuzayl fuzuli fylkir fynn gabe gabel gabi gabin gabino gabor gabriel
gabriela gabriele gabrielius gabriella gabrielle gabrielly gaby gada gadang gading gaduh gael gaelle gaetan gaetano
gagan gage gaia gaida gaige gail gaiman gaines gaither gaja gal gala galak galang galar galasso galdur gale galen
galih galilea galina galiono galip gallego galo galuh galur galvarino gamaliel gaman gamani gamanto gambira gamblang
gambo ganda gandewa gandi ganep ganga gangsa gangsar gani ganim ganimete ganiye ganjaran gannon gantar gara garan
garang garda gardner garech gareth garett garey garfield garibaldi garima garland garner garnet garnett garold
garpur garret garreth garrett garri garrick garrison garry garth garvan garvin gary garðar gaspar gaspard gaspare
gasper gasti gaston gastone gathoni gatis gatot gatra gauge gaui gauja gaukur gaurang gaurangi gaurav gauri gaurika
gautam gautami gauthier gauthildur gauti gautrekur gautur gautviður gavan gaven gavin gavyn gawati gayathri gaye
gayla gayle gaylen gaylene gaylon gaylord gaynell gazel gazmend gbadebo gbolahan gbowoade geanina gearld gearldine
gearoid geary gebhard gederts gediminas gedion gee geert geetika gefjun gefn geir geira geirarður geirbjorg geirdis
geirfinna geirfinnur geirfriður geirharður geirhildur geirhjortur geirhvatur geiri geirlaug geirlaugur geirleifur
geirloð geirmundur geirny geirolfur geirriður geirroður geirrun geirtryggur geirvaldur geirþjofur geirþruður geisli
gejza gelengul gellir gelsomina gelu gema gemma gena genaro gencaslan gencay gene genesis geneva genevieve genevra
genie gennaro gennie geno genovefa genoveva genta gentiana geo geoff geoffrey geoffroy geofrey georg georganna
george georgeann georgeanna georgel georgene georges georgeta georgetta georgette georgia georgian georgiana
georgiann georgianna georgie georgina georgine georgios geovanni geovanny gerald geraldine geraldo geralyn gerard
gerarda gerardine gerardo gerardus geraud geray gerd gerda gerdi gereon gerfried gergely gergo gerhard gerhardt
gerhart gerhild geri gerlind gerlinde germain germaine german germana gernot gero gerold gerolf geronimo gerrard
gerri gerrit gerry gerson gert gerta gertha gerti gertie gertraud gertraude gertraut gertrud gertruda gertrude
gertrudis gervasio gerwin gery gerða gerðar gerður gesa gesare gesche gesine gestheiður gestny gestrun gestur geta
gethera getrude geza ghaalib ghaazi ghaffaar ghafoor ghaith ghalib ghaliyati ghanee ghanem ghani ghannam ghasaan
ghauth ghawth ghayoor ghazalan ghazanfar ghazanfer ghazawan ghazi ghazzal ghenadie gheorghe gheorghita gherghina
ghilas ghislain ghislaine ghita ghiyaath ghiyath ghufran ghulaam ghulam ghunayn ghusharib ghusun ghutayf gia
giacinto giacobbe giacomo giada giampaolo giampiero gian gian-luca giana giancarlo gianfrancesco gianfranco gianina
gianluca gianluigi gianmarco gianna gianni gianpaolo gianpietro gibson gica gicu gideon gidget giedre giedrius giel
giesela gifford gifty gigi gigja gigjar gijs gil gilang gilbert gilberte gilberto gilda gildardo giles gilford
gilles gillian gillie gillis gilly gilma gilman gilmar gilmer gilmore gils gilslaug gina ginette ginger ginny gino
gintare ginyas gioacchino gioachino gioele gioffre gioia gion gionata giorgia giorgian giorgiana giorgio giosue
giovani giovanna giovanni giovanny girik girindra girish girolamo girtha girts gisa gisbert gisela gisele giselle
gisla gisley gisli gislina gislinde gislny gislrun gislunn gisselle gissunn gissur gita gitau githinji gitonga gitta
gitte giulia giuliana giuliano giulietta giulio giuseppa giuseppe giuseppina giustino giz gizela gizella gizem gizur
gjaflaug gjuki gladis gladstone gladyce gladys glauco glen glenda glendon glendora glenn glenna glennie glennis
glenwood glenys glinda glo gloa globjort glodis gloey gloi gloria glover gloð glumur glynda glynis glynn gna gneisti
gnupur gnyr goa goda godelieva godelieve godfrey godofredo godwin goebel goffredo gogo gohar goi gok gokay gokbudun
gokce gokcebalan gokcil goken gokhan goknur gokperi goksev gokten golda goldia goldie goli goma goncafer goncalo
gonen gonul gonzalo gopal goran gorazd gordan gordana gorden gordon gorge gorgunay gorklu gorm gorsev gosta gote
gottfrid gottfried gotthard gotthilf gotthold gottlieb gottlob gottskalk gottsveinn gotz governor goyo gozel gozem
goði goðmundur grace gracelyn gracia graciana graciano gracie graciela grady graeme grafton graham grainne grani
grania grankell grant granville gratian gratiana gratiela graves gray grayce graydon grayling grayson grazia
graziano graziella grazyna greca grecia greco greene greet greg grega greger gregg greggory gregoire gregor gregoria
gregorian gregorio gregory grein greipur greloð greppur gret greta gretar gretchen grete gretel grethe gretl gretta
grettir greyson gricelda griet grieta griffin griffith grigore grima grimar grimey grimheiður grimhildur grimkell
grimlaugur grimnir grimolfur grimulfur grimur grisel griselda grit gro groa grove grover grzegorz gua guadalupe
guarino gucal gucluer gucyeter gudrun gudula guenter guenther guglielmo gugu gugulethu guido guilford guilherme
guillaume guillermina guillermo guiomar guiseppe gul gulab gulaga gulay gulbala gulbani gulbeyan gulbiye gulce
gulcegun gulcin guldam gulder guldunya gulegen gulel gulenay guler gulev gulfaam gulfam gulfari gulfeza gulgen
gulguzel gulhisar gulinaz gulkadın gullbra gulluhan gullveig gully gulmira gulmisal gulnar gulnaz gulnaziye gulnur
gulozge gulper gulsa gulsahin gulsalın gulselin gulsen gulseref gulseren gulsevil gulshan gulsiye gulsu gulsum
gultac gulten gulter gulus gulustan gulxar gulzadiye gulzar gumercindo gumi gumma gumustekin gun gun-britt gunar
gunars gunay gunaydin gunbir gunborg gunda gundel gunden gundhild gundi gundolf gundula gunduz gunduzalp gunebakan
guneet guneri guney gungordu gungoren gunhild gunilla gunita gunkurt gunn gunnar gunnberg gunnbjorg gunnbjorn
gunnbjort gunnborg gunndis gunndor gunndora gunnel gunnella gunner gunnfinna gunnfriður gunngeir gunnhallur
gunnharða gunnheiður gunnhildur gunnjona gunnlaug gunnlaugur gunnleif gunnleifur gunnloð gunnolfur gunnoli gunnroður
gunnrun gunnsteinn gunnur gunnvaldur gunnveig gunnvor gunny gunnþor gunnþora gunnþorunn gunsel gunsen gunser gunta
guntars gunter gunther guntis guntram gunver gunvor gurarda gurcuye gurelcem gurli gurney gurry gursal gurten gus
guss gussie gust gusta gustaaf gustaf gustas gustav gustave gustavo gustavus gustaw gusti gustie gusztav guthrie
gutti guttormur guus guusje guvercin guy guzey guðberg guðbergur guðbjarni guðbjartur guðbjorg guðbjorn guðbjort
guðborg guðbrandur guðdis guðfinna guðfinnur guðfreður guðfriður guðgeir guðjon guðjona guðlaug guðlaugur guðleif
guðleifur guðleikur guðlin guðmann guðmar guðmey guðmon guðmunda guðmundina guðmundur guðni guðny guðraður guðriður
guðroður guðrun guðsteina guðsteinn guðvarður guðveig guðveigur guðvin guðþor gwen gwenael gwenaelle gwenda
gwendolen gwendoline gwendolyn gwyn gwyneth gyda gygjar gylfi gymir gyongyi gyorgy gyorgyi gyozo gyrðir gyte gytis
gytta gyula gyða gyðja gyðriður gzim gæfa gæflaug habib habiba habibe habibu habil haciali hacile hadassa hadassah
hadda haddi haddur haddy haden hadi hadicha hadija hadithi hadiza hadjer hadley hadrey hadrien hafberg hafbjorg
hafborg hafdis hafey hafgrimur hafiz haflina hafliða hafliði hafnar hafni hafny hafros hafrun hafsa hafsat hafshah
hafsteina hafsteinn hafþor hafþora hafıza hagalin hagbarður hagbert hagen haiba haiden hailee hailey hailie
hairyanto hajnalka hajo hakan hakeem haki hakikat hakim hakon hakonia hal halbert hale haleigh halenur haley
haleygur halfdan hali halid halidun halie halil halim halima halina halisi haliye halla hallbera hallberg hallbjorg
hallbjorn hallborg halldis halldor halldora halle halley hallfreður hallfriður hallgarður hallgeir hallgerður
hallgils hallgrimur hallgunnur hallie hallkatla hallkell hallmann hallmar hallmundur hallny hallrun hallsteinn
hallur hallvarður hallveig hallvor hallþor halsey haluk ham hamar hami hamid hamima hamis hamish hamisi hamiyet hamp
hampton hampus hamsini hamundur hamza hamzah hana hanbiken handy hanedan hani hania hanife hanim hanja hank hanna
hannabel hannah hannchen hanne hanne-lore hannele hannelore hannes hanney hanni hannibal hanno hanns hannu hanny
hanora hans hans-adolf hans-albert hans-bernd hans-christian hans-detlef hans-dieter hans-dietrich hans-eberhard
hans-erich hans-friedrich hans-georg hans-gerd hans-gerhard hans-gunter hans-gunther hans-heinrich hans-helmut
hans-henning hans-herbert hans-hermann hans-hinrich hans-joachim hans-jochen hans-jorg hans-josef hans-jurgen
hans-karl hans-ludwig hans-martin hans-michael hans-otto hans-peter hans-rainer hans-rudolf hans-theo hans-ulrich
hans-uwe hans-walter hans-werner hans-wilhelm hans-willi hans-wolfgang hansa hansel hansford hansgeorg hansina
hansjoachim hansjorg hansjurg hansjurgen hanson hanspeter hansruedi hanss hansueli hansultan haralamb haralambie
harald haraldur harambee harbinaz hardana harden hardi hardie hardik hardin harding hardy harekur hari harijs
harimurti harinakshi harini haris harish harita hariz harja harjasa harjaya harjo harl harlan harland harlaugur
harlen harlene harley harlie harlon harlow harm harman harmon harmony harnail harol harold haroldo haron harpa
harper harrell harri harrie harriet harriett harriette harris harrison harro harrold harry harsana harsanto harsaya
harsh harshil hart hartaka hartana hartley hartmann hartmut hartmuth harto hartvig hartwell hartwig haruko harun
haruna harve harvey harvie harvy hasan hasbek hasel hasgul hashiki hasim haskell hasna hasret hassan hassie hasso
hasta hasteinn hatem hatice hatima hatin hattie hauksteinn haukur haukvaldur hauwa hauður hava havali havar havard
havarr havarður haven havse hawa hawehindi hayali hayat haydee hayden hayel hayes haylee hayleigh hayley haylie
hayret hayrunnisa hays hayward haywood hazeem hazel hazelle hazen hazine hazle hazrat heath heather heaven heba
heber hebert hector hedda hedi hedvig hedviga hedvika hedwig hedy hege heide heide-marie heidelinde heidelore
heidemarie heiderose heidi heidrun heidy heike heikir heikki heiko heilmoður heimir heimo heiner heinfried heini
heino heinrekur heinrich heinz heinz-dieter heinz-georg heinz-gerd heinz-gunter heinz-gunther heinz-joachim
heinz-josef heinz-jurgen heinz-otto heinz-peter heinz-walter heinz-werner heinz-wilhelm heinz-willi heisi heitor
heiða heiðar heiðarr heiðberg heiðbert heiðbjorg heiðbjork heiðbjort heiðbra heiðdis heiðlaug heiðlindur heiðloa
heiðmann heiðmar heiðmundur heiðny heiðrekur heiðros heiðrun heiður heiðveig hekima hekime hekla hekmet hektor
helaine helan heleen helen helena helene helfried helga helge helgi heli helina heliodoro hella helle hellen hellena
hellevi hellmut hellmuth helma helmar helmer helmi helmtrud helmut helmuth heloisa heloise helvi helyn hema hemal
hemang hemangini hemani hemi hemmert hence henderson hendra hendri hendrik hendrikka henery henife henk henna henner
henni hennie henning henny henretta henri henric henrich henricus henrieta henrietta henriette henrik henrika
henrike henrikki henriks henrique henry henryk hera heracleea heraclio heraldo herb herbert herberto herbjorg
herbjorn herbjort herborg herdis herfinnur herfriður hergeir hergerður hergill hergils heribert heriberto herjolfur
herlaug herlaugur herleifur herlinda herlinde herluf herma herman hermanis hermann hermann-josef hermanni hermelinda
hermenegildo hermes hermina herminda hermine herminia herminio hermon hermoður hermundur hernan hernando herney
herrmann herschel hershel hershell hersilia hersir hersteinn hersveinn herta hertha heru hervar hervarður herve
hervey hervin hervor herwig heryanto herþruður hesbon hessie hester hesti hettie hetty heva heyvetullah heyward
hezekiah hezniye hezron hezzie heðinn hicham hicran hicsonmez hidaya hidde hideo hidir hilah hilal hilario hilarius
hilary hilayda hilbert hilda hildah hildar hildburg hilde hildegard hildegarde hildegart hildegund hildegunde
hildibergur hildibjorg hildibrandur hildigeir hildigerður hildiglumur hildigunnur hildimar hildimundur hilding
hildingur hildir hildiriður hildisif hildiþor hildred hildur hilkka hillard hillary hillery hillevi hilliard hilma
hilmar hilmer hilmir hilton hiltraud hiltrud himawan himinbjorg himri hind hindal hinet hinewai hinrich hinrik
hinrika hinrikka hipolito hiral hiram hiroshi hitesh hjallkar hjalmar hjalmdis hjalmer hjalmey hjalmfriður hjalmgeir
hjalmgerður hjalmros hjalmrun hjalmtyr hjalmur hjalmveig hjalmþor hjalta hjalte hjaltey hjalti hjarnar hjordis
hjorfriður hjorleif hjorleifur hjorny hjortfriður hjortur hjortþor hjorvar hlaðgerður hledis hlegestur hleiðar hler
hlif hlifar hlin hlini hliðar hliðberg hljomur hlokk hloðmundur hloður hloðvarður hloðver hlynur hnefill hnikar
hnikarr hoang hoani hobart hobert hobson hocine hodari hodd hogna hogni hoke holden holgeir holger holli hollie
hollis holly holm holmar holmbert holmbjorg holmdis holmes holmfastur holmfriður holmgeir holmgrimur holmkell
holmsteinn holmþor holti homer homero honora honore hoover hope horace horacio horatio horatiu horea horia horn
horst horst-dieter horst-gunter horst-peter hortencia hortense hortensia hortenzia horton horymir horður hosea
hoseas hosie hoskadem hoskuldur hosteen houcine houda houston howard howell hoy hoyt hoður hrafn hrafna hrafnar
hrafnbergur hrafnborg hrafndis hrafney hrafngerður hrafnheiður hrafnhildur hrafnkatla hrafnkell hrafnlaug hrafntinna
hrafntyr hrannar hrappur hraunar hraundis hredhaan hrefna hreggviður hreimur hreindis hreinn hreiðar hreiðmar
hrimnir hringur hritik hroaldur hroar hrobjartur hroi hrolfdis hrolfur hrollaugur hrolleifur hromundur hronn
hroðgeir hroðmar hroðny hroðolfur hroðvar hrund hrutur hrvoje hrærekur huban hubbard hubert hubertine hubertus huda
hudavent hudson huey hugberg hugbjorg hugbjort hugborg hugdis hugh hughes hughey hughie hugi huginn hugleikur
hugljuf hugo hugrun hugues huguette huia hukumdar huld hulda huldah huldar huldis huldrun hulya humaira humaiya
humayra humberto humeyra humi humoyun humphrey hunalp hunbjorg hunbogi hundis hung hungerður huni hunn hunor
hunroður hunt hunter huong hurbert hurdogan hurican hurley hurmet hurside huruyet huryasar huseyin huseyn huseynqulu
husmen husnuhal hussein huston huxley huy huzaifa huzuri hvannar hvonn hyltir hylur hyman hymen hynek hyrum hængur
hænir hıfzullah iacob iain ian iancu ianis iara iasmina ib ibaad iban iben ibeth ibidapo ibironke ibis ibn ibolya
ibraaheem ibraheem ibrahim ibrani ibrohim ibun ica icey icha icie icimbike icy ida idabelle idamae idda ide idell
idella idika idiris idrees idris idriz idun idık ieremia iesa iesha ieshia ieva ifa ifeanyi ifechukwu ifeoma ifora
iftikhaar iftikhar ifunanya ige ignac ignace ignacia ignacio ignacy ignas ignatius ignatz ignaz ignazio igne igor
igors ihab ihaia ihsaan ihsan ihtesham ihtiram ihtishaam ihtsham iida iiris iisakki ijaya ijli ika ikbal ike ikenna
ikeoluwa iker ikhlaas ikhsan ikin ikiz iklim ikraam ikram ikramah ikrimah ikshita ila ilah ilalmıs ilan ilari ilaria
ilarie ilarion ilbek ilda ildefonso ildem ildes ildiko ildız ileana ilene ilenia ilga ilgi ilgı ilham ilhan iliana
ilias ilie ilija ilim ilinca ilir ilja ilka ilkbahar ilkim ilkin ilkka ilklima illa illugi illya ilma ilmafer ilmari
ilmars ilmur ilo ilona ilonka ilper ilqar ilsa ilse ilsu ilteris ilyas ilyes ilze ima imam imane imani imanol imants
imany imara imaran imelda imene imer imge imi imke immaculate immanuel immo immy imo imogen imogene imona imran imre
imren imrich imrihan imron ina inaki inanclı inara inaya incifir inda indah indali indi india indiana indie indira
indra indrajit indre indrek indrikis indriði indy ine inell ines inese ineta inez infant ing-britt ing-marie inga
inga-britt inga-lill ingalill ingberg ingbert ingdis inge ingeborg ingeburg ingegard ingegerd ingela ingelise
ingelore ingemar inger ingetraud ingetraut ingey ingheiður inghildur ingi ingiberg ingibergur ingibert ingibjartur
ingibjorg ingibjorn ingibjort ingiborg ingifinna ingifriður ingigerður ingilaug ingileif ingileifur ingilin ingimagn
ingimar ingimaria ingimunda ingimundur ingiriður ingiros ingisol ingivaldur ingiveig ingiþor ingjaldur ingmar ingo
ingolf ingolfur ingram ingrid ingrida ingried ingrun inguna ingunn ingvaldur ingvar ingveldur ingvi ingþor inigo
inioluwa inka inken inkeri inmaculada inna innocent inocencio inocentiu inqilab insa insaf inta intan intihap
intiqam intizar ioan ioana ioanina ioannis iola iolanda ion iona ione ionel ionela ionelia ionica ionut iosefina
iosif ippazio ir ira iren irena irene iretioluwa irfan iriana iridenta iridian irina irine irinel iris irja irl irma
irmantas irmela irmeli irmengard irmgard irmhild irmi irmingard irmtraud irmtraut irmtrud irmy irnanto irpa irsad
irungu irunn irva irven irvin irvine irving irwan irwin irya iryna irıs isa isaac isaack isaak isabel isabela
isabell isabella isabelle isabelly isac isack isadora isadore isafold isai isaiah isaias isak isalind isaline isam
isamar isaque isar isarr isaura isaya isbjorg isbjorn iscan isdis ise iseldur iseoluwa isey isfandiyor isfold isgeir
isgerður isha ishaan isham ishani ishanvi ishildur ishita ishmael ishola ishwar isiah isidor isidora isidore isidoro
isidro isin isis isla islam islaug isleif isleifur islime islom ismael ismail ismar ismayıl ismet ismey ismo ismoil
ismık isobel isol isold isolde isolfur isolina isom isra israel israfil isreal isrun issa issac issack issi issol
istvan isveig isıkay isıman isın ita italo itanya ituri itzel itziar iulia iulian iuliana iuliu iunn iurie iustin
iustina iustinian iva ivah ivan ivana ivanka ivanna ivano ivar ivars ivecen iver iverson iveta ivette ivey ivica
ivie ivka ivo ivona ivone ivonne ivor ivory ivy iwan iwo iwona ixtiyar iyabode iyadunni iyana iyanna iyiyurek iymona
iza izaaz izabela izabele izabella izabelle izaiah izayah ize izel izetta izgu izidor izola izora iztok iða iðunn
jaabir jaafar jaak jaakko jaan jaana jaanus jabal jabari jabbaar jabbar jabez jabir jabr jabulani jacalyn jace jacek
jacey jacinta jacintha jacinto jack jackeline jacki jackie jackline jacklyn jackson jacky jaclyn jacob jacobine
jacobo jacobus jacoby jacopo jacque jacquelin jacqueline jacquelyn jacques jacquez jacquline jacqulyn jad jada jade
jaden jader jadiel jadon jadranka jadwiga jadyn jaeda jaeden jael jaelyn jaelynn jaeman jafar jafet jaffer jaga
jagapati jagaraga jagat jagdish jagger jagrati jagvi jahangir jahanzeb jahdami jahdari jaheem jaheim jahi jahiem
jahir jahiz jahm jahongir jai jaida jaiden jaider jaidyn jail jailene jailyn jaiman jaime jaimee jaimie jair jairaj
jairo jairus jais jajuan jaka jakayla jake jaki jakob jakobe jakobina jakobs jakop jakov jakub jalaal jalal jaleel
jalees jaleesa jalen jalia jalil jalisa jalissa jaliyah jalmari jalol jalon jalsa jalyn jalynn jamaal jamal jamalia
jamar jamarcus jamari jamarion jame jameel jamel james jameson jamey jami jamie jamie-lee jamie-leigh jamil jamila
jamin jamir jamison jamiya jammie jamshid jamya jan jan-ake jan-erik jan-olof jan-peter jana janae janaki janani
janay jane janeen janel janell janelle janene janessa janet janeta janeth janett janetta janette janey janez jangwa
jani janiah janic janice janick janie janik janin janina janine janis janiya janiyah janja jankat janko jann janna
janne janneth jannette janni jannie jannik jannika jannis jano janos janosch januja janus janusz janya janyce japhet
japheth jaquan jaquelin jaqueline jaquez jara jarad jared jaren jaret jarett jari jarkko jarl jarlath jarleth
jarmila jarmo jarnbra jarne jarngerður jarngrimur jarno jarod jarolim jaromir jaromira jaron jaroslav jaroslava
jaroslaw jarrad jarred jarrell jarret jarrett jarrod jarun jaruthip jaruwan jarvis jarwa jarwadi jarwi jarþruður
jase jasen jasiah jasin jasiri jaslene jaslyn jasmani jasmijn jasmin jasmina jasmine jasminka jasmit jasmyn jasmyne
jasna jason jasper jasur jaswadi jatgeir jati jatin jatmiko jatmundur jatvarður jaunita javan javen javi javier
javiera javion javohir javon javonte jax jaxen jaxon jaxson jaxton jay jaya jayadi jayce jaycee jaycie jaycob jayda
jaydan jayde jayden jaydin jaydon jaye jayeng jayla jaylah jaylan jaylee jayleen jaylen jaylene jaylin jaylinn
jaylon jaylyn jaylynn jayme jaymes jayne jayson jayvion jayvon jazeps jazlene jazlyn jazlynn jazmin jazmine jazmyn
jazmyne jean jean-baptiste jean-charles jean-christophe jean-claude jean-francois jean-jacques jean-louis jean-luc
jean-marc jean-marie jean-michel jean-paul jean-philippe jean-pierre jean-pol jean-yves jeana jeane jeanetta
jeanette jeanie jeanine jeanmarie jeanna jeanne jeannette jeannie jeannine jeannot jeanny jeb jebet jecinta jed
jedediah jedidah jedidiah jedrzej jeet jeevika jef jeferson jeff jefferey jefferson jeffery jeffie jeffrey jeffry
jefri jeison jeisson jekabs jekaterina jekaubs jelagat jelani jele jelena jelita jelka jelle jelte jemal jemima
jemimah jemma jemutai jena jenaro jenel jenelle jenetta jenifer jeniffer jenilee jenipher jenna jennette jenni
jennie jennifer jenniffer jennings jenny jeno jens jens-peter jens-uwe jensen jensina jente jep jepchirchir
jepchumba jepkemoi jepkoech jepkorir jepkosgei jeppe jeptha jeptoo jerad jerald jeraldine jeramiah jeramie jeramy
jere jered jerel jereme jeremey jeremi jeremiah jeremias jeremie jeremy jergus jeri jerica jerilyn jerilynn jerimiah
jerimy jerker jermain jermaine jerman jermey jermiah jernej jerneja jerod jeroen jerold jerome jeromy jeronimo
jerono jerop jerotich jerrad jerrel jerrell jerri jerrica jerrie jerrilyn jerrod jerrold jerry jerson jerusha jeruto
jeryl jerzy jes jesca jesenia jesica jesper jess jesse jessee jessenia jessi jessica jessie jessika jessy jessye
jesus jesusa jet jethro jetmir jeton jett jetta jettie jevgeni jevon jewel jewell jezups jhalak jhan jhoan jhoana
jhon jhonatan jhonny jhony jil jiles jill jillian jim jimena jimmie jimmy jina jinawi jindra jindrich jindriska
jinjuta jinnie jinthe jip jiri jirina jitka jitrin jo joa joachim joacim joakim joan joana joanie joann joanna
joanne joannes joao joaquim joaquin joaquina joash job jobe jobst jocelyn jocelyne jocelynn jochem jochen jochum
jodi jodie jodis jody joe joel joell joella joelle joellen joep joerg joeri joeseph joesph joetta joette joey
joffrey jofriður johan johana johann johanna johannah johanne johannes johans johathan john johnathan johnathon
johney johnie johnna johnnie johnny johnpaul johnson johnstone johny joi joke jokla joko jokubas jokull jokulros
jolan jolana jolanda jolanta jolanthe joleen jolene jolette jolie jolien jolijn jolin jolina joline jomar jomundur
jon jona jonah jonanna jonar jonas jonasina jonatan jonathan jonathon jonbjorg jonbjorn jonbjort jondis jondor
jondora jonell joney jonfriður jongeir jongerð jonheiður jonhildur joni jonida jonina joninna jonmundur jonna jonnie
jonny jono jonsteinn jony jonþor joojo joona joonas joonatan joost joppe jora joram joran jordan jordana jorden
jordi jordin jordon jordy jordyn joren joretta jorfi jorg jorg-peter jorge jorgen jorgina joris joriður jorja
jorlaug jorma jormundur jorn jorri jort jorundur jorune jorunn jorvar jorvi jory jos josafat josavin jose josebina
josee josef josefa josefiina josefin josefina josefine josefita joselin joseline joseluis joselyn josep joseph
josepha josephat josephina josephine josephus josette josh joshua joshuah josiah josiane josianne josie josiephine
josip josipa josko joslyn joso josphat josphine josse jossie jost josteinn josua josue josy jouko jouni journey
jovan jovana jovani jovanni jovanny jovany jovin jovina jovita joy joyce joycelyn joye joyline jozef jozefa jozefina
jozica jozo jozsef jua juan juana juanita juanito judah judd jude judea judi judie judit judita judith judson judy
judyth juelz juergen juha juhana juhani juho jukka jula jule jules juli julia julian juliana juliane juliann
julianna julianne julie julie-anne julien julienne juliet julieta julieth julietta juliette julija julijana julijs
julio julious juliros julisa julissa julita julius juliusz juluis juma jumaane jumadi jumari juna june juni junia
juniana junie junior junious junius juozas juraj jure jurek jurg jurgen jurgita juri jurij juris jurre jussi justas
justen justin justina justinas justine justiniani justo juston justus justyn justyna jusuf jutta juul juulia juuso
juvenal juwan juwon jyoti jyrki jytte jørgen kaamil kaan kaaren kaarina kaarlo kaashif kaat kaazim kabeer kabir
kabiru kacey kachela kaci kacie kacper kacung kacy kada kade kadeem kaden kadence kader kadijah kadin kadir kadri
kadyn kadınana kaeden kael kaela kaelyn kaelynn kafeel kahina kahir kahlil kahu kahurangi kai kai-uwe kaia kaiden
kaija kaila kailee kailey kailyn kaique kairav kaisa kaiser kaitlin kaitlyn kaitlynn kaiya kaj kaja kajen kajetan
kajji kajsa kajus kakali kaktus kala kalbi kaldi kale kaleb kaleem kaleema kaleena kaleigh kalel kalen kalene
kalervo kalevi kaley kalgay kali kalie kalim kalina kaliyah kalla kalle kallie kalman kalmann kalmar kalpit kaltrina
kaluwa kalvin kalyn kamal kamala kamar kamari kamaria kamau kambali kamden kameron kami kamidin kamiel kamil kamila
kamilah kamilla kamilly kamma kamolchanok kamora kamran kamren kamron kamryn kamya kanak kanda kandace kandef kandi
kandice kandy kane kanesha kani kania kanini kanisha kanpulat kanye kaombwe kapagan kapitola kaprasius kar kara
karaamat karabas karaca karaer karakucak karam karama karan karanbay karani karanja karatas karcan kardelen kardi
kare kareem kareen karel karen kari karie karim karima karimah kariman karimi karin karina karine karis karissa
karitas kariuki karja karkur karl karl-august karl-dieter karl-erik karl-ernst karl-friedrich karl-georg karl-hans
karl-heinrich karl-heinz karl-hermann karl-josef karl-jurgen karl-ludwig karl-otto karl-peter karl-werner
karl-wilhelm karla karlee karlene karles karley karlfried karlheinz karli karlie karlijn karlina karlinna karlis
karlo karlotta karlukhan karly karma karman karmen karna karo karol karola karolien karoliina karolin karolina
karoline karolis karoly karolyn karon karren karri karrie karsa karsana karson karsten karsyn karta karter kartika
karvel karya karyl karyme karyn kasam kasandra kasen kasey kash kashan kashangaki kashif kashish kashvi kasie kasif
kasim kasimir kasiran kasiyah kaskazi kason kaspar kaspars kasper kassandra kassidy kassie kassim kastiel kastriot
kasusra kata katalin katalina katana katariina katarina katarinus katarzyna katcha kate katelijne katelin katelyn
katelynn katerina katerine kathaleen katharina katharine katharyn kathe katherin katherina katherine katherinne
kathern katheryn kathey kathi kathie kathinka kathleen kathlene kathlyn kathrin kathrine kathryn kathryne kathy
kathyrn kati katia katica katie katie-louise katina katinka katja katla katleen katlin katlyn katlynn kato katri
katrien katriina katrijn katrin katrina katrine katriona kattie katty katy kauko kauri kauthar kaver kavon kavurt
kavya kawaca kawaya kawkab kawthar kay kay-uwe kaya kayagun kaycee kayden kaydence kaye kaygusuz kayla kaylah kaylan
kaylee kayleen kayleigh kaylen kaylene kayley kayli kaylie kaylin kaylyn kaylynn kayrabay kaysan kayson kayun kayıt
kazi kazim kazime kazimierz kazimir kazuko kazuo kazım kaðlin keagan kealan keandre keanna keano keanu keara keaton
kecia keegan keelan keeley keely keena keenan keenen keesha keeva kefser kegan keifer keijo keila keion keira keisha
keith keji kelami kelan kelby kelcie keld kelechi keli kelis kellan kellee kellen kelley kelli kellie kelly
kelly-anne kelly-marie kelsea kelsey kelsi kelsie kelton kelvin kem kemal kemba kemboi kemuma kemunto ken kenan
kenari kendal kendall kendell kendra kendrick kenedy kenes keneth kenia kenisha kenji kenley kenn kenna kennard
kennedi kennedy kennet kenneth kenney kennith kennth kenny kent kenter kenth kenton kenyangi kenyatta kenyon kenza
kenzie kenzo keon keran keri kerim kerime kerman kermit kerri kerrie kerry kerstin kerttu kerubo kerwin kesha
keshaun keshawn keshia kestutis kete ketilbjorg ketilbjorn ketilfriður ketill ketilriður kevan keven kevim kevin
kevon keya keyaan keyla keyon keyshawn kezban kezia keziah khaalid khaan khadidja khadija khadijah khaled khalid
khalil khalilah khamani khamisi khanyisile khari khiry khloe khoa kia kiaan kiah kian kiana kiandra kianna kiano
kiapo kiara kiaran kiarie kiarra kibafupia kibar kibet kibibi kiburi kick kiddy kiefer kiel kiera kieran kiernan
kieron kierra kiersten kieth kifaye kijana kijani kike kikelomo kiki kiley kilian kiljan killian kilonzo kim kimani
kimanzi kimathi kimball kimber kimberely kimberlee kimberley kimberli kimberlie kimberly kimbilio kimeu kimmo kimora
kimutai kimya kinaya kindra kinga kingston kinley kinsey kinsley kinte kinubi kinuthia kinyanjui kinyua kiojah kioko
kip kipchirchir kipchumba kipenzi kipepeo kipkemboi kipkemoi kipkirui kipkoech kipkorir kipkosgei kipkurui kiplagat
kiplangat kiplimo kipngeno kipngetich kipp kipras kiprono kiprop kiprotich kipruto kipsang kiptoo kipyegon kira
kiramettin kirby kiri kirk kirsi kirsten kirsti kirstie kirstin kirstine kirsty kirt kirui kisha kisima kitan kitti
kittie kitty kiume kiwara kiya kiyasi kiyoko kiyoshi kizzie kizzy kjalar kjallakur kjalvor kjaran kjarr kjartan
kjarval kjeld kjell kjersti kjetil kjoi klaas kladia klara klare klas klaudia klaudie klaus klaus-dieter
klaus-gunter klaus-jurgen klaus-michael klaus-peter klaus-ulrich klaus-werner klavdija klavs klea klemen klemens
klement klementina klemenz kleopatra kliment kloe klothilde klængur knorr knox knud knut knute knutur kobe koby
kocabas kocak kockan koda kodchaporn kody koech koen koenraad kofi koggi kojo koker koko koktas kolawole kolbeinn
kolbjorg kolbjorn kolbra kolbrun kolby koldan koldis kole kolfinna kolfinnur kolfreyja kolgrima kolgrimur kolka
kolmar koloman kolskeggur kolten kolton kolur kolviður koncagul kondo konguralp konkordia konner konnor konny konrad
konradi konradus konrað konstantin konstantinos konstantinus konstanty konstanze konul kopan kopur kora koray korbin
korbinian kordell kordula korede korey kori korinna korir korka korkmazalp kormakur kormloð kornel kornelia
kornelija kornelius kort kortney korugan kory kosemen kosgei kosisochukwu kosukhan kotryna kotuz kourtney kovu
koðran kraig kraki kreszentia kreszenz kria kriemhild kris krish krisha krishna krisjanis kriss krissy krista
kristal kristall kristan kristaps kristberg kristbergur kristbjorg kristbjorn kristborg kristdor kristel kristen
kristens kristensa krister kristers kristey kristfinnur kristfriður kristgeir kristgerður kristi kristiaan kristian
kristiana kristiane kristianna kristie kristien kristiina kristijan kristin kristina kristine kristinn kristjan
kristjana kristjon kristjona kristlaug kristlaugur kristleifur kristlin kristlind kristmann kristmar kristmundur
kristny kristof kristofer kristoffer kristolina kristopher kristros kristrun krists kristupas kristvaldur
kristvarður kristveig kristvin kristvina kristy kristyn kristyna kristþor kristþora krisztian krisztina krisztofer
kritika krummi krysta krystal krysten krystian krystin krystina krystle krystof krystyna krzysztof ksawery ksenija
kubran kuchanua kuddusi kujoe kujtim kullervo kulnun kumar kumral kumush kunaporn kuncara kunibert kunigunda
kunigunde kunkyi kuno kunta kunthara kuria kurnia kursad kurt kurtis kurunzi kushtrim kusiima kustaa kusuma kutay
kutgun kutun kveldulfur kveta kvetoslav kvetoslava kwabena kwadwo kwaku kwamboka kwame kwamena kwasi kweku kweli
kwesi kya kyalo kyan kyano kyara kyla kylah kylan kyle kylee kyleigh kylene kyler kylian kylie kyllian kyllikki
kymani kyra kyree kyrie kyson kæja kılıcbay kınel kırat kırgız kısmet kıvılcım kızıl kızıltunc laban labeeb labib
labinot labuh lacey lachlan laci lacie lacramioara lacy lacın lada ladarius laddie ladina ladislau ladislaus
ladislav ladislava ladli ladonna lady laeeq laetitia lafayette lafe lage lahiah lahoma laia laika laila lailah
lailati laimonis lainey laini laiq lais laisha laith lajita lajlaj lajos lakeisha laken lakendra lakesha lakeshia
lakisha laksana laksh lakshit lakshmi lala lale lalita lalla lalo laly lamar lamarcus lambert lamberto lameck lamine
lamont lamonte lan lana lanang lance landan landen lander landin lando landon landyn lane lanette laney
langalibalele langat langgeng lani lanie lanita lanjar lannie lanny lantar laoise laora laqeet laquan laquita lar
lara lara-sophie larae laraine laras larensina larent larentius laretta larey larisa larissa lark larkin laron larry
lars lars-ake lars-erik lars-goran lars-olof larue larus lary lascar lashanda lashawn lashonda lashunda lasmanto
lasmono lasonya lasse lassi lassie laswi laszlo latanya latarsha latasha lateef latesha latif latifah latika latisha
latonia latonya latoria latosha latoya latoyia latrell latrice latricia latrina laufar laufey laufheiður laufhildur
lauga laugey laugheiður laugi launa laura laurance laure laureano laureen laurel lauren laurence laurene laurens
laurent laurentia laurentiu laurenz lauretta laurette lauri laurian lauriane laurie laurin laurina laurine lauris
laurita laurits lauritz lauryn laurynas laus laust lautaro lavada lavanya lavar lavelle lavender lavenia lavera
lavern laverna laverne lavina lavinia lavize lavon lavona lavonda lavonia lavonne lawanda lawerence lawrance
lawrence lawrencia lawson lawton layla laylah laylo layne layth layton lazar lazaro laze laziz lazzaro lazım lea
lea-sophie leafy leah leala leamon lean leana leander leandra leandre leandro leane leaner leann leanna leanne leano
leart leatha leatrice leda ledion ledun lee leeann leela leen leena leeroy leesa leevi lega legawa leia leider leidy
leif leifur leigh leighton leiknir leikny leila leilani leire leisa leisha leitha leiðolfur leja lejla leke lekha
lela lelah leland lelar lelia lella lem lembah lemma lemmie lemon lempi lemuel len lena lenah lenard lene leni lenin
lenka lenn lenna lennard lennart lennarth lennert lennie lennon lenny lenon lenora lenord lenore lenwood leo
leocadia leocadio leokadia leola leoma leon leona leonard leonardo leonce leoncio leone leonel leonhard leoni leonia
leonid leonidas leonie leonor leonora leonore leons leontin leontina leontine leopold leopolda leopoldina leopoldine
leopoldo leora leordean leos leota ler lera lere leroy lerze lesa lesana lesia leslee lesley lesli leslie lesly
lessie lesta lester leszek leta letha lethia leticia leticija letitia letizia letta lettie letty leva levar levente
levern levi levie levin levina levis levon levoslav levy lew lewis lex lexi lexie lexis lexus leydi leyla
leyla-katharina leyli leyre lezize lhanzey li lia liam lian liana liane lias liba liban libardo libbie libby liberto
liberty libia libni libor libusa libuse lica liceth licia lida liddie lidia lidie lidija lidwina lidya lieke lien
liene liepa lies liesa liesbet liesbeth lieschen liesel lieselot lieselotte lieve lieven lieze lif lifdis liga lige
ligia ligita liisa lila lilah lilburn lili lilia lilian liliana liliane lilianna lilie lilija lilijana lilita lilja
liljana liljar liljuros lill lilla lillard lillemor liller lilli lillia lillian lilliana lillianna lillie lillis
lilly lilo lilou lily lilyan lilyana lilyanna lim liman limar limazah limon lin lina linah linas linberg linbjorg
lincoln lind linda lindah lindar lindberg lindbergh linddis linde lindell linden lindis lindita lindsay lindsey
lindy line lineik linet linette liney lingny linh linhildur lini linn linna linnea linnie lino linsey lintang linton
linus linwood linzy lio lioara lioba lionel lipika liridon liridona lirim lirjan lisa lisa-marie lisabet lisandra
lisandro lisanne lisbet lisbeth lise lise-lott lise-lotte lisebet liselott liselotte liseth lisette lish lisha lisle
lissa lissette lissi lissie lissy listalin liston lita litha littie littleton litzy liv liva livia livingstone livio
liviu liwia liya liyaaqat liyaqat liz liza lizabeth lizbeth lize lizete lizeth lizette lizz lizzie lizzy ljiljana
ljosalfur ljosbjorg ljosbra ljotunn ljotur ljubica ljubisa ljubov ljudmila ljufur llewellyn lloyd lo loa loan lockie
loda lode lodewijk lodovico loek loes lofn loftur loftveig logan logey logi lohit loic loice loida lois loise lokbra
loke loki lola lolita lolla lollie loma lon lona londisizwe londiwe londyn lone loney loni lonie lonna lonnie lonny
lonzo loot lopa lope lora loraine loran lorayne lorcan lore lorean loredana loree loreen lorelai lorelei loreley
loren lorena lorene lorens lorenz lorenza lorenzo loreto loretta loretto lori loria loriann lorie lorik lorin
lorinda lorine loring loris lorna lorne lorraine lorrayne lorri lorrie lossie lot lota lotfi lothar lott lotta lotte
lotti lottie lou louana louane louann louanna louella louetta loui louie louis louisa louise louka loula louna
lourdes lourenco lousie louvenia lova love lovell lovett lovey lovie lovina lovis lovisa lovre lovro lowe lowell
lowie loy loyal loyce loyd loyola loðmundur lu luan luana luann luanne luara luay luberta lubica lubomir lubomira
lubor lubos luboslav luboslava luc luca lucas lucca luce lucentiu lucero lucetta lucette luchino lucho lucia lucian
luciana luciano lucie lucien lucienne lucija lucila lucile lucille lucina lucinda lucindy lucio lucious lucius lucky
lucrecia lucretia lucretiu lucrezia lucy luda ludek ludger ludie ludivine ludmila ludmilla ludo ludolf ludomil
ludomila ludovic ludovica ludovico ludovicus ludovit ludvig ludvik ludwig ludwina lue luej luella luena luetta lufen
lugenia luhung luigi luigia luigina luis luisa luisana luise luisina luitgard luiza lujza luka lukas lukasz luke
lukita lukka lukman lula lulah lular lulie luljeta lulla lulu luluh lulut lulzim lum luminita lumir luna lundi
lungile lunna lupe lupita luqmaan luqman lura lurana lurena lurhur lurline lusia lusinda luster lut lute luter lutf
lutfan lutfi lutgarde lutgardis lutgart luther luthfi lutie lutz luuk luvenia luverne luvinia luvisa luwar luwes
luyanda luz luzia luzie luzius luzmira luðvig luðvik luðvika lwandile lya lyam lyda lydell lydia lydiah lydiane
lydianne lydie lykke lyla lylah lyle lyman lyn lyna lynda lyndia lyndon lyndsay lyndsey lynette lyngar lyngheiður
lynley lynn lynne lynnette lynsey lynwood lyric lysiane lytingur lyður læla lærke maahir maaike maajid maalik maanas
maanav maaria maarit maarten maartje maawiya maaz maazin mabad mabel mabell mabelle mabil mable mac macarena macaria
macario macarthur macauley mace macel maceo macey macharia machelle maci macide macie maciej mack mackenzie macs
macy mad madaha madalena madalin madalina madaline madalyn madalynn madani madara maddalena madden maddison maddox
maddux maddy made madeleine madelene madelief madeline madelyn madelynn madge madhav madhavi madie madilyn madilynn
madina madini madisen madison madisyn madiyan madleina madlen madlyn madoa madonna madora mads madyan madyson mae
maebell maebelle maegan mael maelle maelys maeva maeve mafalda maftuna magali magalie magaly magan magarete magda
magdalen magdalena magdalene magdaline magdolna magen magga maggey maggi maggie maggy magna magndis magne magnea
magnes magney magnfriður magngeir magnheiður magnhildur magni magnolia magnus magnusina magny magnþor magnþora
magret magrit magðalena mahad mahala mahali mahalia mahalie mahaz mahbeer mahboob mahbub mahdee mahdi mahdy maheen
maher mahesa mahfooz mahfud mahfuj mahfuz mahi mahigul mahika mahir mahja mahlon mahmood mahmoud mahmud mahmut
mahnaz mahsun mahter mahulena mai maia maicol maida maidis maie maighread maija maik maike maiken maikol maila
maimuna maimunah maina maingi maira maire mairead mairin mairtin maisa maisha maisol maisy maite maivi maiya maj
maj-britt maj-lis maja majani majd majdi majdy majeed majella majken majvor makai makaila makala makan makara
makarena makau makayla makeen makena makenna makenzie makhi makini makokha makori maks maksim maksimiljan maksude
maksur maksymilian makunga makuta makuu mal mala malachi malachy malak malakai malaki malaya malcolm malcom malea
maleah malen malena malene malfriður malgorzata malhildur malia maliah malik malika malin malina malinda malio
malissa malissie maliyah maliza malla malle mallie mallorie mallory malmfriður malorie malou malte malthe malu malva
malvin malvina malwina mamadou maman mame mamen mamie mammie mamun man manaaki manadis manaf manah manaia manan
manawa manbir manca manda mandi mandie mandla mandlakhe mandy manel manerva manervia maney manford manfred manfreð
mani manie manila manilla manja manley manly mannie manning manola manole manolo manon mans mansfield manson
mansurali mantas mante manthan manu manuel manuela manuelita manuella manuelle manus manya maqsud mar mara
mara-julie maraea maralyn maranda maras marbjorn marc marcantonio marcel marcela marcelina marceline marcelino
marcell marcella marcelle marcello marcellus marcelo marchello marcheta marci marcia marcial marciano marcie marcin
marcio marco marcos marcu marcus marcy mardell mardis mare maree mareen mareike mareikura mareile marek mareks marel
marela mareli marella marely maren marese marey marfriður marga margana margaret margareta margarete margaretha
margarethe margarett margaretta margarette margarida margarita margarite margaritha margarito margaud margaux marge
margeir margene margeret margery marget margherita margie margit margita margitta margo margot margoth margret
margreth margrethe margrett margretta margrieta margrimur margrit margrith margrjet marguerite margueritte margunnur
margurite margus marguy margy marheiður mari maria maria-luise maria-theresia mariadi mariah mariam marian mariana
mariane marianela mariangela marianita mariann marianna marianne mariano marias maribel maribeth marica maricel
maricela maricica maricruz marie marie-ange marie-anne marie-cecilie marie-christine marie-claire marie-claude
marie-france marie-francoise marie-helene marie-jeanne marie-jose marie-laure marie-line marie-louise marie-luise
marie-madeleine marie-noelle marie-paule marie-pierre marie-rose marie-sophie marie-theres marie-therese mariechen
marieke mariel mariela mariele mariella marielle marieluise marietta mariette marija marijan marijana marijke marijn
marijon marika mariko marilee marilena marilla marilou mariluz marilyn marilynn marin marina marinda marine marinela
marinella marinette marini marinka marino marinus mario marioara mariola marion maris marisa marise marisel marisela
marisol marissa maristela marit marita marite maritta maritza mariuca mariuerla marius mariusz mariyah marja
marja-leena marja-liisa marjaana marjan marjana marjanca marjani marjatta marjeta marjo marjon marjona marjorie
marjory marjukka marjut mark markas markel markell marketa marketta markita markku marko markrun markus markþor
marla marlana marland marlaug marlee marleen marleigh marlen marlena marlene marleny marley marlie marlies marliese
marlin marlis marlise marlo marlon marly marlyn marlys marlyse marni marnie marnita marnix marolina marolyn maron
maroof maros marques marquez marquis marquise marquita marri marrion marry mars marsa marselia marselina marsellius
marsh marsha marshal marshall marsibil marsilia marsito marsudi marsy mart marta martaka martana martani marte
marteinn martell marten martez martha marthe marthen marti martial martijn martika martim martin martina martine
martino martins martirio marton martta martti marty martyn martynas marus marusa marva marvel marvin marwa marwata
mary maryadi maryam maryann maryanne maryanto marybelle marybeth maryellen maryjane maryjo marylee marylene marylin
maryline marylou marylouise marylyn maryse maryvonne marzena masa masako masao masar maside masika masinde mason
massiel massimiliano massimo massinissa masume mat matas mate matea matei matej mateja mateo mateus mateusz matevz
matheo matheus mathew mathews mathias mathieu mathijs mathilda mathilde mathis mathys mati matias matic matie matija
matilda matilde matiss matiu matjaz mato matous mats matt matta mattea matteo matthaus matthea matthew matthia
matthias matthieu matthijs matthilda matthildur matti mattia mattiana mattias mattie mattina matts matty mattye
matunda matus matyas maua maud maude maudie mauno maura maureen mauri maurice mauricette mauricio maurilio maurin
maurine maurits mauritz maurizio mauro maurus maury maurycy maverick mavie mavis mavuno max maxence maxi maxie maxim
maxima maxime maximiano maximilian maximiliano maximilien maximillian maximino maximo maximus maxine maxwel maxwell
maxx may maya maybell maybelle maye mayerly maykol mayme maymie maynard maynur mayo mayra maysa mayte maza mazie
mazlum mbithi mboya mbugua mburu mcarthur mcebisi mckayla mckenna mckenzie mckinley meabh meadow meagan meaghan
mearl mechelle mechthild mechthilde mechtild mecide mecit meda medard medeja medina medora meelis meera mees
mefarettin mefharet meg megan megane meggan megha meghan meghana meghann mehdi mehdiqulu mehdiye mehin mehman mehmed
mehmet mehmetzahir mehrigul mehrimoh meibh meik meike meinhard meinolf meinrad meja mekhala mekhi mekkin mekkino mel
melaha melania melanie melanine melany melba melchior melchor melek meleknur melichar melihcan melikkan melina
melinda melisa melissa melissia melita melitta melker melkior melkolmur melkorka mell melle mellie mellisa mellissa
melodee melodie melody melonie melony melrakki melros melton melul melva melville melvin melvina melvine melvyn
melwin memili mena menachem mendy menfeat mengi menguc menisan mensalder mentor meral merba mercedes mercer merche
mercy mercyline merdi mereana meredith merel meret merete merethe mergim meriem merijn merike merilyn merim merita
merja merkur merl merle merlene merlin merlyn merna merri merrie merrilee merrill merrily merritt merry mert mertel
mertie merton merva merve mervi mervin mervyn merwin mery meryem meryeme meryl merzuk meshack meshur messiah
messiana mestur mesude mesut meta metehan metha methusalem metin metinkaya metka metod metrine metro metta mette
mettie metusalem meveddet mevludiye mevlut mey meyer meyhanim meyransa meyvant mezide mia miah mias micael micaela
micah micayla miceal micha michael michaela michaele michail michal michala michale michał micheal micheala michel
michela michelangelo michele micheletto michelina micheline michell michelle michelotto michial michiel mick mickael
mickey mickie micky mie mieke miel miesha mieszko migdalia migle mignon miguel miguela miguelangel miha mihael
mihaela mihai mihail mihajlo mihaly mihels mihhail mihin mihkel mihnea mihrab mihriye miia miika mijo mik mika
mikael mikaela mikaelina mikaere mikaila mikal mikala mikalah mikayla mikayıl mike mikeal mikel mikelis mikels
mikhail mikjall mikkael mikkalina mikkel mikko miklos mikołaj mikulas mikyas mila milada milagros milan milana milas
milay milburn milcah milda mildinberg mildred mildriður mile milena miley milford milica milissa milka milkah milla
millaray millard mille miller millicent millie mills milly milo milorad milos miloslav miloslava milota milou
milovan milton miluse mima mimi mimir mimmi mimoza mimy mina minda mindaugas mindi mindy minenhle miner minerva
minervia minh minibe minna minney minnie minny minodora minoru minta mintie mio mioara miodrag mir mira mirabela
miracle miran miranda miray mirbadin mircea mirco mirdza mireia mireille mirela mirella mireya miriah miriam miriama
mirian mirja mirjam mirjami mirjana mirko mirlinda mirna miro miron mirona mironshoh miroslav miroslava miroslaw
miroslawa mirra mirriam mirsad mirta mirte mirtha mirthe mirtie miruna miryam misael mischa mishat mislav misra
missie missy mist misti mistie misty misuli mitali mitch mitchel mitchell mitchelle mitesh mitica mitra mitrut
mittie mitzi mitzy miya miyesser mizhir miłosz mjalldis mjallhvit mjaðveig mjoll mjollnir mjolnir mkarkara mladen
mlungisi mnqobi moa modena modesta modesto modis modris modupe moe moeiður moesha moey mofifoluwa mogens mohamad
mohamed mohamedi mohammad mohammed mohamud mohand moheiður mohini mohinur mohlaroyim mohsim moira moises mojca
mojisola mojisoluwa mojmir moli mollie molly momanyi mona monalisa monica monicah monika monique monis monja monna
monnie monroe monserrat mont monte montel montgomery montie montrell montserrat monty moody mora moraa moradeke
morayo mordechai moreen morena morenike moreno morgan morgane mori moriah moric morine morits moritz mork morolake
morris morten mortimer morton morður mose moses moshe mosi mosinmileoluwa mossie mosunmola motunrayo mouloud mounir
mourad moureen mourib mourine moussa moya moyosore mozell mozella mozelle moði mrihani mthokozisi muarra mubariz
mubetcel mubina mucahit mucellib mucevher muchiri muema mueni muferrih mufide mufit mugambi mugber mugdha mugendi
muggur mugo mugur mugurel muhallil muhamed muhamet muhammad muhammadali muhammadamin muhammadamir muhammadayub
muhammadaziz muhammadrizo muhammadsafo muhammadsodiq muhammadsolih muhammadumar muhammadyasin muhammadyusuf
muhammadziyo muhammed muhammet muharrem muhazzim muhima muhip muhiye muhsina muhyettin muia muireann muiruri muizza
mujde mujur mukbile mukhwana mukramin mukrume muktedir mulayim mulele muli mulwa mulya mulyanto mulyono mumbi mumo
mumpuni mumtaz mumtaze mumtoz munda mundheiður mundhildur mundina munene munezzer mungai muni munif muninn munisa
munyao munyoki murad murat muratcan murdock muret muriel murielle muriithi murilo murimi murit murithi muriuki murl
murod murphy murray murry mursalina mursinin mursita murti musa musafet musaffa musau musee musembi musemma musfira
mushtariy musila muskunaz muslim muslima muslum mustafa mustafo mustapha mustika mustofa musure musyoka musyoki
mutai mutasım muthama muthengi muthoka muthoni muthui mutia mutie mutinda mutiso mutisya mutluhan mutua mutuku
mutunga muturi muvaffak muvahhide muveddet muxlisa muxtar muzaffer muzayyana muzdahir muzdalifa muzekker muzhir
mwamini mwanajuma mwanamisi mwangangi mwangi mwaniki mwanzia mwasaa mwaura mwende mwendwa mwezi mwikali mwiti my mya
myah mychal myer mykel myla mylee mylene myles mylie myr myra myranda myriam myrkjartan myrkvi myrl myrle myrna
myron myrra myrta myrtha myrthe myrtice myrtie myrtis myrtle myrun mzamo naadir naail naajy naasih naasir naathim
naazhim nabeeh nabeel nabhan nabigh nabih nabil nabila nacer nachiket nacho nacio nada nadeem nadege nades nadeschda
nadeshda nadezda nadhir nadia nadim nadin nadine nadir nadja nadr nae naeem nael nafasat nafees nafesa nafii nafile
nafis nafula naglis nagı nahashon nahiara nahla nahuel naiara naib naide nail naim naima naimh nair naja najair
najam najee najeeb najib najuma najwa naki nakia nakif nakip nakisha nakita naksh nakul nalan nalar naliaka nallely
nam namiq namon nan nana nanci nancie nancy nand nandini nando nandor nanette nanie nanjala nanna nannette nanni
nannie nanny nansy naoimh naoise naom naoma naomh naomi naomy napoleon napoleone naradi narcis narcisa narciso
narcisse narcissus nardi narfi narhanim narimane narji narıngul nas nasab naser nash nashipie nasiba nasim nasir
nasiru nasra nasrullah nassim nastja nasuf nat natacha natalee natali natalia natalie natalija natalio natalja
nataly natalya natan natanael nataniel natasa natascha natasha natasja natasza nate natella nath nathalia nathalie
nathaly nathan nathanael nathanial nathaniel nathari nathasha nathen natiq natividad natosha nattawun nattmorður
nattsol nattulfur naud nautica naveen nawal nayara nayaret nayareth nayeli nayely nayfa nayibe nayil naz nazaret
nazario nazende nazi nazim nazimet nazir nazlihan nazlim nazlı nazmi nazıdil ndegwa nderitu ndirangu nduku ndumiso
ndunge ndungu nduta nea neal nealie nealy neasa nebih nebiha nebojsa necati necdat nechifor necilal necmettin necva
ned nedas nedda nedjma nedra needham neel neelima neely neema nefaret nefiye neftali neha nehemiah nehip neider neil
neill neisti neja nejc nejdet nekesa nel nela nelah nelcy nelda nele nelia nelida nelie nelima nelio nell nella
nelle nelli nellie nello nelly nels nelson nelsy nelu nelya nemanja nena nenad nenna nenni neo neola neoma neppie
neptun neptunus nerea nereida neriban nerijus nerim neringa nermin nery nesfe nesip neslinur neslisah nesrin nesrine
nessa nestor neta nete netra netta nettie neva nevaeh neval neveah nevenka nevgin neville nevin nevio nevise nevsal
nevsale newell newman newt newton neyran neza nezengul nezihi nezize ngaire ngamia nganga ngari ngeni ngigi ngozi
ngugi nhien nhlanhla nia nial niall niamh niara nibaldo nicanor nicat niccolo nichakarn nichelle nichifor nichol
nichola nicholas nicholaus nichole nicholus nick nicki nicklas nicklaus nickolas nickson nicky niclas nico nicoara
nicodemo nicodemus nicodim nicol nicola nicolae nicolai nicolaie nicolaj nicolas nicolasa nicolaus nicole nicoleta
nicoletta nicolette nicoline nicolle nicolo nicu niculina niculita nicusor nicuta nidhi nidia nidra niek niels
nienke nieves nigar nigel nigesa nigmet nihad nihai nihal nihan niharika niilo niina nik nika nikanor nikau nikhil
niki nikia nikita nikki nikko niklas niklaus niko nikodem nikol nikola nikolai nikolaj nikolajs nikolaos nikolas
nikolaus nikole nikolett nikoletta nikolina nikora niks niksa nikulas nil nila nilam nilcan nilda nile niles nili
nilima nilo nils nilson nilufar nim nimakoah nimrat nina ninetta nini ninioluwa ninja ninna ninnie nino ninoska
ninthe nira niracha nirgul nirja nisa nisha nita nitara nitesh nives nixon niyaga niyaz niyazi niyilolawa niðbjorg
njabulo njagi njala njall njenga njeri njeru njiru njogu njoki njola njoroge njorður njozi njue njuguna nkazimulo
nkiruka nnamdi nneka noa noah noam nobantu nobie noble nobuhle noe noel noeleen noelia noeline noella noelle noemi
noemie nohely nohora noi noirin nojus nokkvi nokulunga nola nolan nolberto noleen nolen nolia nolie nollaig noma
nomagugu nomalanga noman nomasonto nomathalente nomathemba nomcebo nomthandazo nomusa nomvula nona nonhlanhla noni
nonie nonjabulo nonni nonso noor noora noortje noppakao nora norah norbert norberto norbey nore noreen norene noreta
noretta nori norica norina norine norita norma norman normand normann normunds norris norton norval norwood norðmann
notburga nothando nott noud nour nout nova novella november novi novruz noxolo nozibusiso nozima nozizwe nqobizitha
nrima ntimi nuala nubar nubia nudret nugraha nuhu nula numi nuno nunzio nura nural nuran nuray nurbanu nurcan nurda
nurdeniz nuretdin nurettin nurey nurgil nurhayet nuri nuria nuriat nurice nuriya nuriyet nurkan nurlan nurlana
nurmelek nurmuhammad nursan nurseda nurser nursim nurtac nurten nuru nurul nurulla nurullah nurveren nury nusa
nutcha nutkrita nutwadee nuyan nwabudike nya nyaboke nyaga nyah nyakundi nyamai nyambura nyana nyanchama nyasi
nyasia nyawira nybjorg nydia nyla nylah nynke nyoka nyoman nyongesa nyoni nyota nyree nyuki nyvarð nzioka nzomo
oakley oana oba obaid obanijesu obdulia obe obed obianuju obie obinna ocampo oceane ochieng ocie octa octav octave
octavia octavian octaviana octavie octavio octaviu octavius oda odalis odalys odd odda oddbergur oddbjorg oddbjorn
oddfreyja oddfreyr oddfriður oddgeir oddgerður oddhildur oddi oddie oddkell oddlaug oddleif oddleifur oddmar oddny
oddrun oddsteinn oddur oddvar oddveig oddvor oddþor odelia odeline odell odessa odette odhiambo odhran odie odika
odile odin odina odis odkanlı odongo oduor odus oeshi ofeigur ofelia ofeliya offie oganer ogden oge ogechi oget
ogmunda ogmundur ogn ogooluwa ogri ogulbas ogurata ogus oguzman oisin oiva ojas ojasvi okanay okbay oke okechukwu
okello okey okguclu okkas okoth okseven okta oktavia oktavius okto oktovia oktovius okturemis okturk okumu okyalaz
ola oladare oladimeji olaf olafia olafina olafur olajumoke olakunle olalla olan oland olanrewaju olansile olar
olasunmbo olav olavi olavia olca oldag oldrich ole oleg olegario olen olena olene oleta olevia oley olfert olga
olgeir olgerts olgierd oli olie olimpia olimpian olimpiu olin olina oline oliva olive oliver olivert olivia olivie
olivier olivija olivine oliviu oliwer oliwier olle olli ollie olly olnir olof ololade oloo olov olrun oluchi
olufunke olufunmilayo olumorotimi oluoch olus oluwafemi oluwagbemiga oluwakemi oluwamumibori oluwamuyiwa oluwasanmi
oluwasegun oluwole olveig olver olvir olwen olwethu olympia om oma omaca omair omaira omaja oman omar omari omarion
omeir omer omi omie omina omisha omkaar omobobola omobolanle omodunni omolabake omolara omondi omosalewa omotara
omotayo omotola omotoun omowumi omran omriye omur omya ona onat oncel ondieki ondolfur ondrej oneal oneida onel
onesmus oneta oney ongay ongen oni onie onkar onni onnie onofre onsal onuker onundur onur onurcan onursu onveer
onyango onyinye oona oonagh opal opan opha ophelia ophelie opiyo opung opwonya oqtay ora orah oralia oran oranlı
orazio orbrun orcin orduxan orelia oren orene oreofe orestas oreste orfelina orfeus orfhlaith orfiye orgun orhan
oriana orie orik orilla orin orinder orion oris orjan ork orka orla orlagh orlaigh orlaith orland orlando orlaugur
orlena orley orlin orlo orlygur orma ormar ormheiður ormhildur ormur orn orna ornella ornolfur orpha orra orren orri
orrie orrin orris orsolya orson ortak ortansa ortrud ortrun ortwin oruc orval orvar orvel orvil orville orvin orvis
orvokki orxan oryurek osa osama osbaldo osborn osborne oscar osha osie osiyo osk oskar oskari oskars osman osmo
osogo osp ossama ossi ossian ossie ossur osten osunleke osvald osvaldo osvalds osvaldur osvifur oswald oswaldo oswin
otabek otakar otavio otay otelia otfried otha othel othmar otho otieno otilia otilija otis otkatla otkell otmar oto
otri ott otta ottar ottarr ottavio ottfried otti ottie ottilia ottilie ottis ottmar otto ottokar ottomar ottone otur
otylie ouanes ouida ouma oussama outi ova ove over ovid ovidio ovidiu ovila oviya ovun owais owe owen owens owethu
owino owuor oxana oxar oyenike oyindasola oymak oysha ozakan ozalpsan ozana ozansu ozaslan ozay ozbay ozbilek
ozbilge ozcam ozdal ozdes ozdil ozdogdu ozel ozell ozella ozerdinc ozertem ozge ozger ozgun ozgur ozie ozinal ozioma
ozkent ozkutlu ozlem ozlu ozokcu ozpetek ozpınar ozsozlu oztek ozturk ozudogru ozy ozyurt ozzie oðinn paavo pabla
pablo paca pachongruk pacifica paco pada padma padmi padraic padraig padraigh padraigin pahal paige paiman pairlee
paisley paityn paivi paivikki pak paker pakjira paksu pal pala paldis paley palfriður palhanna palheiður palhildur
palin palina pall pallavi palle pallie palmar palmer palmey palmfriður palmi palmira paloma palrun pam pamala pambe
pamela pamelia pamella pamfil panagachie panait panca pancho pandora pandu panfilo pangeran pangestu panini panji
pankrac pannawich pansy panya paola paoletta paolo par paralee paramita paraschiva pardi paride parin paris parker
parlee parley parman parmes parrish parsa parth parthenia parvez pasa pascal pascale pascaline paschal pascual
pascuala pasi paskalia pasqual pasquale pastor pastora pat patchaploy patcharaporn pate patience patrek patrekur
patric patrica patrice patricia patricie patricija patricio patrick patrik patrisia patrizia patrizio patru patryk
patsy pattamon pattapon pattatomporn patti pattie patty pau paul paul-gerhard paul-heinz paula paule pauletta
paulette pauli paulica paulien pauliina paulin paulina pauline paulino paulius paulo pauls pauric pavani pavao pavel
pavla pavlina pavol paw pawan pawel paweł paxton paye payten payton paz peace peadar peader pearce pearl pearla
pearle pearlene pearley pearlie pearline pearly pearse peder pedro peem peer peeter peggie peggy pehlil pekka pekkan
pelaji pelayo pelle pellegrino pembesin penelope penina peninah penni pennie penny pentti pepe pepijn pepita pepito
pepper per per-erik per-olof percival percy peren perinur peris perkasa perla perley perlita permelia permun pernell
pernilla pernille pero perri perrine perry pershing pertti pervaiz pesent peta petar pete peter peter-michael
peteris peterson petr petra petrana petras petre petrea petri petrica petrina petrisor petrona petronela petronella
petronila petros petru petrun petrunella petrus petrut petruta petter petteri petur peyton phanice phebe phelim
phelix phenphitcha pheobe phil phileine philemon philip philipp philippa philippe philippine philis phillip phillis
philo philomena philomene phineas phoebe phoenix phubes phuc phylicia phylis phyliss phyllis pia piaras piedad pien
pier pierangelo pierce pierette piergiorgio piergiuseppe pierina pierluigi piermaria piero pierpaolo pierre
pierre-yves pierrette piersanti piet pieter pieter-jan pietra pietro piia pijus pilar pili pim pina pinkey pinkie
pinkney pintusorn pio piotr piper pippa pirahmet piran piret pirjo pirkko pirmin piroska pitipat pius pjetur placido
pleas pleasant ples plesu pleun plinio pluma plummer pol polad polina polk pollie polly polona polonca pompeo
pompilia pompiliu pomponio poncio pontus pooja popobawa poppy porfirio pornchanok porsche porsha porter portia posey
poul povilas powell praba prabawa prabowo prabu prakosa prames pranata pranav pranawa praneel pranit prasetya
prasetyo pratt pratyush pravoslav prayitna prayoga prayogo preben precious predrag premysl prentice prentiss presley
preston pria pricilla priit prima primitiva primitivo primus prince princess prior prisca priscah priscila priscilla
priscillah prisha priska priya profira prokop prosper prudence prudencia prudencio prudie pryor przemysław puccio
puck puji puk pumbaa punhan puntira puput purcek purificacion purity purl purwa purwadi purwanto pushti puspa puti
putri putu qaadir qaasim qabeel qabil qadar qadeer qadi qadim qadir qahtan qaim qais qalib qamar qani qanit qaratel
qareeb qarin qaseem qasid qasif qasim qasım qatadah qawee qay-yoom qays qiana qiyas qori qosqar quadir quang qudamah
quddoos qudoos queen queenie quentin quiana quincy quinn quint quinten quinter quintin quinton quinty quique quirino
qulam qulu qumru qurban qusay qushi qutaybah qutb qutub raaghib raagini raahil raakin raamis raamiz raashid raatib
rabah rabar rabb rabbaanee rabbani rabbiye rabea rabecca rabee rabi rabiah rabih rabit racha rachael rachana racheal
rachel rachele rachelle rachid rachida rachit rachita racquel rada radek radeke raden radha radhee radhika radi
radika radim radit raditya radka radmila rado radomir radoslav radoslava radosław radovan radovana radu raducu raduz
radvile rae raed raees raegan raekwon rael raelyn raelynn raewyn raf rafa rafael rafaela rafaella rafan rafay rafał
rafe rafee rafeek rafeeq raffael raffaela raffaele raffaella raffaellino raffaello rafi rafia rafid rafih rafila
rafiq rafn rafnar rafney rafnhildur rafnkell raghav ragheb raghib ragna ragnar ragnbjorg ragner ragney ragnfriður
ragnheiður ragnhild ragnhildur raguel rahab raharja rahat rahayu raheel raheem rahel rahiye rahma rahman rahmat
rahmet rahmi rahn rahsaan rahul raid raiden raihan raija raik raili raimo raimondo raimonds raimund raimundo raina
rainer raisa raissa raivis raivo rajab rajata rajeshri rajko rakeem rakel rakide raksha raleigh ralf ralf-dieter
ralf-peter ralph raluca rama ramadan ramadhan ramazan ramid ramil raminta ramiro ramiz ramon ramona ramsey ramunas
ramune ramzi ran rana ranbir rance rand randal randalin randall randel randell randi randiður randle randolf
randolph randver randy rangga rani rania ranieri ranka rannva rannveig rannver ransom ranveer raoul raphael raphaela
raphaelle raquan raquel rares ras rasa rashaad rashaan rashad rashawn rasheed rashid rashida rashidi rasim rasma
rasmus rastislav rasul ratchanon ratih ratna raul rauno raven ravi ravy rawiri ray rayaan rayan rayana rayburn rayen
rayfield rayford rayhona rayla raymon raymond raymonde raymund raymundo rayna raynard rayne rayshawn rayyona razi
razvan razı raðgeir raðhildur raðvarður reagan reanna reatha reba rebeca rebecca rebecka rebeka rebekah rebekka
rebihat recep recepali reda redden redmond reece reed reese reet refet refik refugio refur regan regena regenia
reggie regina reginal reginald reginbaldur reginbjorg regine reginn regis regitse regitze regula regulo rehaan
rehema rehime reid reidar reidun reifnir reijo reilly reimar reimer reimund rein reina reinald reinaldo reinar reine
reinel reiner reingard reinhard reinhardt reinhart reinhild reinhilde reinhold reinis reino rejane reka reksa rella
relu remazan rembrandt remedios remi remigio remington remo remus remy remzi rena renaat renada renae renaldo renan
renard renata renate renato renaud rendy rene renea renee rengul reni renita rennie reno rens renske renzo reshoni
resi respati ressie restu resulcan reta retha reto retta rettie reuben reubin reva revza rex rexford rexhep rey
reyansh reyes reyhan reyn reyna reynald reynaldo reynar reyndis reynheiður reynhildur reynir reynold reynolds reyr
reza rezin rezzak rhavi rhea rheta rhett rhian rhianna rhianne rhiannon rhoda rhona rhonda rhys ria riad rian rianna
rica ricarda ricardas ricardo ricards riccardo ricci ricciotti rice richard richardt richelle richie richmond rick
rickard rickey ricki rickie ricky rico rida ridge ridhi ridwan rigmor rigo rigoberto rihanna rihards riikka riina
riitta rik rika rikard rikarður rikey rikharð rikharður rikka rikke rikki riku riley rilla rillie rim rimante rin
rina rinaldo rinda rini rino rinor rio ripley risa risalet risasi rishi risper risto rita ritchie ritt ritva riya
riyad riza riziki rizki rizvan roan roar rob robb robbe robbie robbin robby robert roberta robertas robertina
roberto roberts robin robinson robiya robjorg robley robt roby robyn rocco rochdi rochelle rochus rocio rocky rod
rodah roddy roderic roderich roderick rodger rodgers rodica rodney rodolfo rodolphe rodrick rodrigo rodrigue roe
roel roeland roena rofn rogelio roger rogers rogn rognvald rognvaldur rognvar rohaan rohan rohat roise roisin rojnu
rojus rok rokas rokkvi roko roksana roland rolanda rolandas rolande rolando rolands rolant roldan rolf rolf-dieter
rolf-peter rolla rolland rollande rollie rollin rollo roma romain romaine roman romana romane romanita romano
romello romeo romie romina romolo romona romuald romualdas romulo romulus romy ron rona ronal ronald ronaldo ronan
ronda rondal roni ronin ronith ronja ronke ronna ronni ronnie ronny rono rony ronya roope roos roosa roosevelt roque
rori rory ros rosa rosa-maria rosabelle rosalba rosalee rosaleen rosalia rosalie rosalina rosalind rosalinda
rosalinde rosaline rosalva rosalyn rosamel rosamond rosann rosanna rosanne rosant rosar rosaria rosarie rosario
rosaura rosberg rosbjorg rosborg rosco roscoe rose rose-marie roseann roseanna roseanne rosel roselia roselinde
roseline rosella roselyn roselyne rosemarie rosemary rosena rosenberg rosenda rosendo rosetta rosette rosevelt rosey
rosfriður roshildur rosi rosia rosie rosina rosinberg rosinkar rosinkara rosinkrans rosinkransa rosita roska roskva
rosl roslaug roslin roslind roslinda roslyn rosman rosmann rosmarie rosmary rosmunda rosmundur rosny ross rossa
rossana rossie rostislav roswell roswita roswitha rosy rotich rotraud rotraut rouven rowan rowena rowland roxana
roxane roxann roxanna roxanne roxelana roxie roxy roy roya royal royce roza rozalia rozalija rozanne rozella roziya
rozsa roðull rua ruairi ruari rubani rubar rube ruben rubeyda rubi rubie rubiela rubin ruby rubye rudecindo rudi
rudiger rudite rudolf rudolfo rudolfs rudolph rudra rudy rueben ruedi ruel ruffin ruffus rufina rufino rufus ruggero
ruggiero rugile ruhide ruhiu ruhsat ruhshona ruhugul rui ruie rukia ruknettin rumaysa rumeysa run runa runar rundis
rune rungo runhildur runi runny runolfur rupert ruperta ruperto ruqayya ruqiya ruri rurik rusen rush rushil ruslan
rusman rusne russ russel russell rustin rusty rusul rut ruta rute ruth rutha ruthann ruthanne ruthe rutherford
ruthie ruthild rutur ruwaihim ruxanda ruxandra ruy ruza ruzena ruzica ryan ryann ryder ryker rylan ryland rylee
ryleigh ryley rylie rym ryma ryne ryszard ryte rytis rza rıfkıye saabir saad saadat saadiq saafir saahir saaiq
saajid saal saalih saalim saanvi saaqib saar saara saariyah saba sabah sabahat saban sabar sabari sabas sabastian
sabatino sabbir sabeeh sabettin sabih sabihe sabil sabin sabina sabine sabiq sabir sable saboor sabra sabri sabrina
sabur saburah sabır sacha sachi sacı sad sada sadaka sadan sadao sadaqat sadat saddam sade sadeed sadeti sadia sadie
sadik sadiki sadina sadiq sadittin sadiye sadye sadıman sadıq safari safet safia safii safina safinaz safir safiri
safiya safta safura saga sagcan sage sagıt sahat sahdiye sahil sahin sahinbey sahinder sahir sahlar sahmar sahmettin
sahnaz sahnuray sahra sahıgul sai said saida saidi saiful saige saim sair sairah saire saka sakari sakarias sakina
sakip sakir saksham sakti sakura sal salah salami salbjorg saldis saleh salena salgerður sali salih salim salima
salimah salimet salin salina salka salkın sallie sally salma salman salmann salmar salny salohiddin salome salomea
salomey salomon salsabila salud salurbay salvador salvar salvatore salvi salvor salwa sam samahat samaksh samama
samandar samanta samantha samar samarth samatha samesh sami samiah samie samiha samil samina samir samira samiya
samiyah sammie sammy samo sampson samson samsul samu samual samuel samuele samuli samurtay samwel samweli samxal
samy sanai sanavber sanaya sancak sancar sancho sanda sandalio sandel sander sanders sandi sandie sandile sandis
sandor sandra sandri sandrine sandro sandu sandur sandy sanela sanford sani sanije sanita saniya saniyah sanja
sanjar sanjuana sanjuanita sanlı sanna sanne sanni sannie santa santana sante santeri santia santiago santina
santino santo santos sanur sanya sanziana saoirse saood sapa saphira sara sarabi sarafina sarah sarah-jane
sarah-louise sarahi sarai sardor sargın sari sariah sarina sarita sarka sarlota sarmite sarpkın sarrah sarthak
sarunas sarunporn sarvan sarvar sarvinoz sarya sarıcabay sasa sascha sasha saskia saso sathvik satrettin satu
saturnina saturnino satya satıa saul saulius saumu saumya saundra sauti sava savak savana savanah savanna savannah
saverio saveta savilla savina savion savki savni savon sawyer saxi sayalı sayan saydam saygın sayin sayrak sayın
sazime scarlet scarleth scarlett scarlette schley schuyler scot scott scottie scotty seaborn seamus sean sean-paul
seana seanan seaneen seanna sebastiaan sebastian sebastiano sebastiao sebastien sebastijan sebastjan sebattin
sebigul sebla sebrina secgul secme seda sedat sedife sedrick sefania sefer sefi sefiye segilola segismundo segundo
seha sehamet sehel sehreban sehza seif seifur seija seimur sejda sekim selah selaheddin selale selatin selcan selcen
selcuk seldon selena selene seler selim selime selin selina seline selja selka selma selmer selmin selvi sem semaj
semat semender semenica semine semir semra semrin semsettin semsinisa sena senad senan sencar sendogan seneca senia
seniha senkal senn senna senne sennur senol senora senta seona seosamh sep sepp seppe seppo septi septima sera
seracettin serafeddin serafin serafina serah seraina serban serda seref sereina serena serenity serezli serfinaz
serge sergei sergej sergey sergio sergiu sergius serhatmehmet serina serine serkan serma serman sernur serol serpil
servac server servinaz sesar seselia sesil sesilia sessa sesselia sesselja sessilia seth setya sevara sevcan sevdi
sevdinar seve sever severiano severin severina severine severino severo severt sevgen sevginur sevican sevil sevim
sevinc sevinch sevindik sevket sevketfeza sevla sevsevil seward seyda seydo seye seyfulla seyfullah seyhan seyithan
seymour seymur seyran seyyide sezal sezen sezginbas shaban shad shade shadrack shae shafter shahina shahnoza
shahriyor shahzod shahzoda shaina shakila shakira shalon shalonda shamar shameka shamika shamsuddeen shan shana
shanae shanda shandra shane shaneka shanell shanelle shanequa shani shania shanice shaniece shanika shaniqua shanita
shaniya shanna shannan shannen shannon shanon shanta shante shantel shantell shaquan shaquana shaquille shaquita
shara shardae sharday sharde sharee sharen shari sharif sharita sharla sharleen sharlene sharman sharon sharonda
sharron sharyl sharyn shasta shatara shaun shauna shauneen shaunna shaurya shavon shavonne shawana shawanda shawn
shawna shawnda shawnee shawnna shawnte shay shayla shaylee shayna shayne shea sheamus shedrick sheela sheelagh
sheena shehu sheila sheilah sheilla sheillah shekoni shelba shelbi shelbie shelby sheldon shelia shelley shelli
shellie shelly shelton shelva shelvia shelvie shem shemar shena shenna shep shepherd sheree sheri sheridan sherie
sherilyn sherita sherlyn sherman sheron sherree sherri sherrie sherrill sherron sherry sherryl sherwin sherwood
sheryl sheryll sheyla shianne shida shiela shiloh shinead shira shirl shirlee shirleen shirlene shirley shirleyann
shirlie shivani shivansh shohjahon shohrux shoji shon shona shonda shonna shpresa shqipe shravya shreya shukrona
shyann shyanne shyheim shyla sia sian sibbie sibel sibilla sibille sibonelo sibongile sibusisiwe sibusiso sibyl
sibylla sibylle sid sidar siddharth siddie side sidiq sidki sidney sidonia sie siebe siegbert siegfried sieghard
sieglinde siegmar siegmund siegrid siegried siegrun siegward siem sien siena sienna sierra sif sifa sifuna sigbergur
sigbert sigbjartur sigbjorn sigdis sigdor sigdora sigfastur sigfinnur sigfreður sigfrid sigfrido sigfried sigfrið
sigfriður sigfus sigga sigge siggeir siggerður sighvatur sigismund sigita sigjon siglaugur siglinde sigmann sigmar
sigmund sigmunda sigmundur signa signar signe signhildur signy sigri sigrid sigrikur sigriður sigrun sigsteinn
sigtryggur sigtyr sigur sigurast sigurasta sigurbaldur sigurbara sigurberg sigurbergur sigurbirna sigurbjarni
sigurbjartur sigurbjorg sigurbjorn sigurbjort sigurborg sigurbrandur sigurd sigurdis sigurdor sigurdora sigurdrif
sigurdrifa sigurey sigurfinna sigurfinnur sigurfljoð sigurgeir sigurgeira sigurgestur sigurgisli sigurgrimur
sigurhanna sigurhans sigurhelga sigurhildur sigurhjortur sigurjon sigurjona sigurkarl sigurlas sigurlaug sigurlaugur
sigurleif sigurleifur sigurlilja sigurlin sigurlina sigurlinn sigurlinni sigurliði sigurmann sigurmar sigurmon
sigurmunda sigurmundur sigurnanna sigurnyas sigurnyjas siguroddur siguroli sigurosk sigurpall sigurros sigursteina
sigursteinn sigursveinn sigurunn sigurvaldi sigurveig sigurvin sigurvina sigurða sigurður sigurþor sigurþora
sigvaldi sigvard sigvarður sigyn sigþor sigþora sigþruður sihawukele siim siiri sijuade siku sil sila silan silanur
silas sile silfa silfrun silja silje silka silke silla sille silli silondile silva silvan silvana silvano silvester
silvestre silvestro silvia silvian silviana silvie silvija silvio silviu silvo sim sima simao simas simber sime
simen simeon simi similoluwa simina simion simisola simiyu simmie simo simon simona simonas simone simonetta simonia
simonne simphiwe simphiweyinkosi simpson simten sina sinaida sinan sinasi sincere sinda sindre sindri sindy sine
sinead sing sini sinica sinikka sinisa sintija siobain sioban siobhain siobhan siofra sione siper siphesihle sirac
sirap siri sirin sirivan sirje sirkka sirnir siro sirpa sirra sirry sirus sirzad sisi siska sisko sissel sita
sithembiso siti sitiwat sittik sittikorn siv sivar sivert sixten sixto siya siyabonga sjafnar sjoerd sjofn skafti
skaidrite skapti skarpheiður skarpheðinn skefill skeggi skender skirnir skiði skjoldur skolastika skorri skugga
skuggi skula skuld skuli skulina skuta skye skyla skylar skyler skær skæringur slade sladjana slamet slava slavena
slavica slavisa slavka slavko slavomir slavomira slawomir sloane slobodan smaranda smari smilte smith smiður smyrill
sneha sneider snezana snjafriður snjaka snjezana snjofriður snjoki snjolaug snjolaugur snjolfur snorra snorri snot
snæbjartur snæbjorg snæbjorn snæbjort snæborg snæbra snædis snæfriður snæholm snælaug snælaugur snær snæringur
snæros snærun snævar snævarr snæþor socorro soffanias soffia sofi sofia sofiane sofie sofija sofonias sofus sohret
sokmen sokrates sol sola solange solberg solbergur solbjartur solbjorg solbjorn solbjort solborg solbra solbrun
soldis soldogg sole soledad soleh solene soley solfriður solgerður solhildur soliha solimann solin soline solkatla
sollilja solma solmar solmaz solmundur solny soloman solomon solon solros solrun solva solvar solveig solvej solver
solvey solvi solvin solvina solvita solvor somadina somer sommer somtochukwu sona sonad sonata sondra sondre songul
songurkan sonia sonja sonji sonke sonnur sonny sonya sophanias sophia sophie sophie-louise sophie-marie sophronia
sophus sophy soraia sorana sorawut soraya sorcha soren sorin sorina sorli sosimo souad soufiane souma soumia sowande
soydaner soykan soykut soyler soyselcuk sozer spartakus spela spencer spenser speranta sphiwe spoi sporði spurgeon
squire srecko stacey staci stacia stacie stacy staffan stafford stan stana stanca stancu stanford stanislaus
stanislav stanislava stanislavs stanislaw stanisław stanka stanko stanley stanton stapi starkaður starla starling
starr starri stasia stavros steen stef stefaan stefan stefana stefani stefania stefanie stefanija stefanny stefano
steffen steffi stefica stefka stefnir stein steina steinar steinarr steinberg steinbergur steinbjorg steinbjorn
steinborg steindis steindor steindora steiney steinfinnur steinfriður steingerður steingrimur steinhildur steini
steinkell steinlaug steinmann steinmar steinmoður steinn steinolfur steinros steinroður steinrun steinunn
steinvarður steinvor steinþor steinþora stela stelian steliana stella stellah stellan steluta sten stepan stepanka
stephaine stephan stephane stephani stephania stephanie stephany stephen stephene stephenie stephon sterling sterre
stetson stevan steve steven stevie steward stewart stian stien stig stigheiður stigrun stigur stijn stilla stina
stine stirnir stiven stjarna stjepan stojan stonewall stoney storm stormur stormy storolfur stuart sture sturla
sturlaugur sturri styr styrbjorn styrgerður styrkar styrmir styrr suat suayp subhan subomi subutiye sucaettin suci
sudi sudie sudiksha sue suellen sugra suha suhani suheyda sukri sukru sukufe sukur sula suleiman suleyla suleyman
sulhi sullivan sultane sumarlina sumarliði sumarros sumayya sumerya sumeyye summer sumner sunay sune sunel suner
sungara sunna sunnefa sunneva sunniva sunny sunshine supasit supasita suphi surya susam susan susana susanita susann
susanna susannah susanne suse susen susi susie sussanne sussie suus suvakit suvari suvi suwijuk suzan suzana suzann
suzanna suzanne suze suzer suzette suzie suzy svafa svafar svafnir svala svali svalrun svan svana svanberg
svanbergur svanbjorg svanbjorn svanbjort svanborg svandis svaney svanfriður svangeir svanheiður svanhildur svanholm
svanhvit svani svanlaug svanlaugur svanmundur svanros svante svanur svanþor svanþruður svatopluk svatoslav svava
svavar svea svein sveina sveinar sveinberg sveinbjartur sveinbjorg sveinbjorn sveinborg sveindis sveiney sveinfriður
sveingerður sveinhildur sveinjon sveinlaug sveinlaugur sveinmar sveinn sveinros sveinrun sveinsina sveinungi
sveinveig sveinþor sven sven-erik sven-olof svend svenja svenning sverre sverrir svetlana svetozar svolnir svorfuður
swala swaleh swantje swen swetlana syahrini sybil sybilla sybille syble sydell sydnee sydney sydni sydnie syed sylas
sylgja sylivia sylke sylva sylvain sylvaine sylvan sylvana sylvania sylvanus sylvere sylvester sylvia sylviane
sylvianne sylvie sylvio sylwia symone synnøve syreeta syrus sys szabolcs szilard szilveszter szilvia szymon sæberg
sæbergur sæbjorg sæbjorn sæbjort sæborg sædis sæfinna sæfriður sæhildur sæi sælaug sælaugur sæmann sæmunda sæmundur
sæny sær særos særun sæsol sæunn sævald sævaldur sævar sævarr sævin sævor sæþor søren sørine søs sıla sırriye sıxı
sıylıhan ta-tanisha taahaa taahir taaj taalib taamir taanish taariq tab taban tabassum tabatha tabea tabetha tabish
tabita tabitha taciddin tacnur tad tadas tade tadeas tadeen tadej tadeja tadeo tadeusz tadhg tafazal taft tagangul
tage taha tahaw-wur tahawwur taheem tahir tahj tahmaseb tahmeed tahmid tahoor tahseen tai taial taimur taina taine
taisir taisto taj taja tajammal tajammul tajudinn tajus takatifu takisha tal tala talal talan talat talayer talen
talha talhah tali talia talib talibe taliyah tallie talmadge talmage talon talıb tama tamala tamam tamanna tamar
tamara tamas tamasa tamatha tamati tamaydın tambika tambra tameka tamekia tamela tamera tami tamia tamica tamie
tamika tamiko tamilla tamisha tammi tammie tammy tamra tamu tamya tan tana tanak tanay tanbay tandogdu tandri tandy
tane taneli tanesha tangaroa tangela tangul tanguy tanhan tania tanika tanimu tanish tanisha taniya taniyah tanja
tanmayi tanner tanpınar tanses tansev tansıg tantri tanveer tanvi tanya tanyolac tanyu tanır tapani tapio tara tarah
taraji tarak tarancı tarfaan tarfur tari tarik tariq tariyel tarja tarmo tarsha tartıs taru taryn tarzicius tasar
tasdik tasha tashina tasia taskan tasnim tassilo tasvir taswir tate tatia tatiana tatianna tatjana tatsuo tatu tatum
tatyana tatyanna taufan taufik tauno taurean taurus tautvydas tavares tavaris tavian tavion tavon tawana tawanda
tawanna tawkeel tawny tawnya taya tayaydın taygan tayla taylak tayler taylor tayshaun tayyibe tayyip tea teagan
teber tecimer tecla ted teddie teddy tedi teea teela teemu teena teerth teetat tegan teguh teija teitny teitur teja
tejas tejs tekbay tekecan tekiner tekla teknaz teksoy telemaco telim tella tellervo telly telma telman telmo telse
temidayo temime temir temirhan temistocle temizkal tempie temucin tena tenika tenis tenisha tennie tennille tenvir
tenzin teo teobaldo teodor teodora teodoro teodors teodosia teodosio teofil teofila teofilo teohari teona tera
terance tercan tere terell terence teresa terese teresia teresiah teresita teressa terez tereza terezia terezija
terhi teri terina terje terlan tero terra terrance terrell terrence terri terrie terrill terry terttu tess tessa
tessie teun teuta teuvo tevin tevs tex texanna texie teybet teymur teymuraz teymurcin tezcan tezol thabani thabisa
thabisile thabiti thad thaddaus thaddeus thalente thales thalia thanatcha thandazile thandeka thandiwe thando thanh
thea theadore theda thedore thekla thelma thembeka thembekile thembile thembisile theo theobald theodis theodocia
theodoor theodor theodora theodore theodoro theodoros theodosia theola theophil theophile theres theresa therese
theresia therman theron theta thi thiago thiare thibaud thibault thibaut thibo thierry thies thijmen thijn thijs
thilo thinhinane thom thomas thomasina thompson thor thora thoralf thorben thorberg thore thornton thorsten thorwald
thos thresa thuo thure thurlow thurman thursa thurston thuthukile thyra tia tiago tiana tianna tiara tiare tiarna
tiarnan tiarra tibe tiberia tiberiu tibo tibor tibra tiburcio ticen tichomir tiegan tiera tiernan tierra ties tiesha
tiffani tiffanie tiffany tigin tiia tiina tiit tiiu tijl tijmen tijn tijs til tilda tilde tilden tilen till tilla
tillie tillman tillmann tilly tilman tilmann tilo tim timbul timea timeo timi timm timmie timmothy timmy timo timon
timotei timotej timoteo timoteus timothee timothy timur timurtas tina tinca tincuta tindar tindra tindri tindur tine
tineke tiney tinie tinna tinne tinni tinnie tino tiny tira tirdad tirsa tirta tirtayasa tirza tisa tisha tishie
tishk tistran titas titi titilayo titin tito titus tivadar tiziana tiziano tjaldur tjasa tjorfi tjorvi tobe tobi
tobias tobiasz tobie tobin toby toccara tod todd todda todor todsawun tofiq togan togrul toi toivo toka toker toki
tokoz toktug tokunbo tola tolbert tolli tollie tolonbay tolulope toluwanimi tom toma tomas tomasa tomasz tomaz tome
tomeka tomi tomie tomika tomislav tommaso tommi tommie tommy tomo tomori tomris toms tomurcuk tonda tone toney
tonguc toni tonia tonicha tonino tonja tonje tonni tonny tono tonu tony tonya toomas toon topias topuz tor tora
toralf torben torbjorg torbjorn torbjørn tord tore torel torey torfey torfheiður torfhildur torfi torgny torhan tori
toriano toribio torie torill torquato torrance torrence torrey torrie torry torsten tory tosha toshiko toshio tota
tova tove tovuz towanda toy toya trace tracee tracey traci tracie tracy trae traian transito traude traudel traudl
traugott trausti traute travis travon trayvon tre treacy treasa treasure treena tremaine tremayne trena trent
trenten trenton tresa tressa tressie treva trever trevin trevion trevon trevor trey treyton treyvon tri tricia triin
trilby trina trine trini trinidad trinity triona tripp tripti trish trisha trista tristan tristana tristen tristian
tristin triston triveni triya troels trond trostan troy tru trude trudel trudi trudie trudy trula trumaine truman
trumann trung tryggva tryggvi tryggvina trystan tsuma tu tuan tuana tucker tudor tudora tudorita tudosia tuere
tufani tugcan tugce tugiman tugrulhan tugtas tui tuija tukelalp tukufu tulay tule tulia tulin tulio tullio tulun
tumas tumer tumi tumkurt tunahan tunar tuncboga tunchanok tunckılıc tunde tung tunguc tunradee tuomas tuomo turabi
tural turan turcan turcein ture turgut turid turkalp turkan turkmen turknur turlough turner turvi turxan tutkucan
tutkun tutu tuukka tuula tuuli tuulia tuulikki tuur tuva tuyug tuzeer tuzenur twan twila twyla ty tycho tye tyesha
tygo tyla tyler tylor tymon tymoteusz tyquan tyr tyra tyree tyreek tyreese tyrek tyreke tyrel tyrell tyrese
tyrfingur tyrik tyrin tyriq tyrique tyron tyrone tyrus tyshawn tyson tınal ua ubaadah ubadah ubaid ubaidah ubaldo
ubay ubayd ubaydullah ubbi uberlinda uberto ubeydullah ubika ucan ucbeyi ucchal ucgul uche uchenna uchita uda udant
udarsh uddi udeera udo udyati ueli uffe ufukay ugan uge uggi ugla ugne ugo ugolino ugur ugurkan ugurtan uhban ujamaa
ujunwa ula ulakbey uldis ulduz ulf ulfa ulfar ulfat ulfdis ulfet ulfey ulfgeir ulfheiður ulfheðinn ulfhildur ulfkell
ulfljotur ulfrun ulftyr ulfur uli ulises ulke ulkudes ulkum ulla ulla-britt ulle ullrich ulrica ulrich ulrik ulrika
ulrike ultan ulu uludag ulugbey uluman ulutay ulva ulvi ulya ulysses uma umaarah umair umande umang umar umay umaya
umberto umi umid ummahan ummahani umman ummet ummuhan umoja umray umusan umut umutcan una unal undina undine unek
unggul uni unjani unlen unna unnamed unnar unnati unnbjorg unnbjorn unndis unndor unni unnsteinn unnur unnþor uno
unsever unubol uolevi upadhriti upasna upik upkaar upma ura uraltay urania uranus urbain urban urbano urfan urfettin
urhan uriah uriel urijah urishilla urmas urmi uros urper urrab urs ursa ursel ursina urska ursula urszula urte
urvashi urvi urðar urður us usame uschi ushan ushindi usiku usman usmon ustun usyi uta utama ute utkarsh utkucan utz
uwe uxi uyanser uygun uzbay uzer uzeyir uzima uzsoy vacibe vaclav vada vadim vafir vagn vagna vagnbjorg vagnfriður
vahar vahid vahittin vaida vaidas vaino vaishnavi vajen vaka vakare vakris vakur val vala valarie valary valberg
valbergur valbjorg valbjork valbjorn valbjort valborg valbrandur valda valdemar valdheiður valdi valdimar valdis
valdor valeh valentijn valentim valentin valentina valentine valentino valentinus valer valere valeri valeria
valerie valerij valerija valerio valeriu valero valery valeska valey valfriður valgarð valgarður valgeir valgerða
valgerður valhildur vali valiant valid valija valinda valka vallary vallaður vallie vally valmar valmundur valny
valon valorie valros valrun valsteinn valter valtteri valtyr valur valva valves valy valþor valþruður vamakshi van
vance vanda vander vanesa vanessa vania vanja vannie vansha vanya vapni var vara varenya vargın varlık varmar varsha
varvara vasana vasare vasatika vasco vashon vashti vasif vasil vasile vasilica vassie vassilios vasudha vasyl vatnar
vaughan vaughn vavrinec vaysal vazeh vebjorg vebjorn vecide veda vedant vedat vedhika vedika vedis vedran veer veera
veerle veeti vefia vega vegard vegeir vegerður veig veiga veigar veigur veijo veikko veis veit vejune vekell vela
velaug velaugur velda veli velia velitdin vella vello velma velta velva velvet vemundur vena venancio venceslas
vendela vendelin vendula venera veneranda venessa veniamin venice venie venita venla vennie venus veny veola ver
vera verda verde verdell verdie vere verena vergie vergil verim verl verla verle verlene verlie verlin verlon verlyn
vermundur vern verna vernal verne vernell vernelle verner verneri vernetta vernharð vernharður vernia vernice vernie
vernita vernon vero verona veronica veronicah veronika veronique versa versie vertie vesa vesna vessie vesta vestar
vesteinn vester vestmar veta vetrarros veturliði veva vezat vezrife vi vibeka vibekka vic vicenta vicente vicentia
vicentiu vicie vick vickey vicki vickie vicky victoire victor victoria victoriano victorine victorino victory vicy
vid vida vidadi vidal vidar vide vidhi viera vieroslava viesturs vif vifill vigdis vigdogg vigfus viggo viggunnur
vigilija viglundur vigmar vigmundur vignir vigny vigo vigri vigsteinn vigtyr vigur vigþor vihaan viivi vija vikar
viking vikingur vikki viktor viktoria viktorie viktorija viktors vilberg vilbergur vilbert vilbjorn vilbogi vilborg
vilbrandur vildane vilde vildis vilem vilfriður vilgeir vilgerður vilgot vilhelm vilhelmiina vilhelmina vilhjalmur
vilho vili viliam vilis vilius viljami viljar viljem vilji viljo villa villads ville villi villimey vilma vilmar
vilmer vilmos vilmundur vilnis vilny vilte vilums viman vina vinaya vinbjorg vince vincenc vincent vincentio
vincentiu vincenza vincenzo vinciane vineta viney vinicio vinicius vinie vinjar vinko vinnie vinny vino vinsen
vinson vinsy vinton vinzenz viola violet violeta violetta violette viorel viorela viorica vira virag viraj virdie
virge virgel virgia virgie virgil virgilio virgill virginia virginie virgle viridiana virman virpi visa visar
visarion visitacion visvaldis vit vita vitali vitalija vitalis vitazoslav vitezslav vito vitor vitoria vittoria
vittorio vitus viva vivaan viveka vivi vivian viviana viviane vivianne vivien vivienne viðar viðir viðja vjekoslav
vjollca vlad vladelina vladimir vladimira vladislav vladislavs vlado vlaicu vlasta vlastimil vlora voggur voichita
voicu vojtech voldemars volkan volker volkhard volkmar vollie volney volundur von vonda vonetta voney vonnie vopni
vordis vorm vorður vottur vratislav vratko vreneli vrinda vrishti vritti vu vuokko vuqar vurgun vusal vusumuzi
vyanjana vytautas vyte waahid waail waajid waceera wachira wade wadee wadi wadood wafa wafae wafeeq wafi wafiq
wafula wage wahab wahb wahban waheed wahhaab wahhaaj wahyu waida waimarie wainaina waino wairimu wakeeta wakiman
walburga waldemar waldo waldtraut walentina walfried walid walker wallace walli wally walt walter walther walton
waltraud waltraut waltrud waluyo wamalwa wambua wambugu wambui wamwema wanda waneta wangari wangila wangui wani
wanita wanja wanjala wanjiku wanjiru wanjohi wannes wanyama wanyonyi ward warda wardaya wardell wardi warhi waridi
warinder warjas warji warner warre warren warsa warsita warta warwick waseme wash washington wasin wasis wassaya
wassim watika watson watt wava waverly wawan waweru wayde wayland waylon wayman waymon wayne wazir weaver webb
webster weddy weena wekesa weldon wells welton wenceslao wenche wencke wende wendel wendelin wendell wendi wendolin
wendy wenke wenzel wera werner wes wesley wesonga wess wessel westin westley weston wheeler whit whitley whitney
wibke widisha widya wiebke wieland wieslaw wigbert wikitoria wiktor wilber wilbert wilbur wilburn wilda wilder wiley
wilford wilfred wilfredo wilfrid wilfrido wilfried wilfriede wilhelm wilhelmina wilhelmine wilhelmus wiliam wilkie
willa willaim willam willard wille willem willene willfried willi willia william williams willian williard willibald
willibert willie williemae willis willodean willow willum willy wilma wilman wilmar wilmer wilson wilton wiltrud wim
winda windell windy winfield winford winfred winfried wing winifred winni winnie winnifred winny winona winston
winthrop winton wira wirda wiremu wirt wishi wisnu witold wladimir wm wojciech woldemar wolf wolf-dieter
wolf-dietrich wolf-rudiger wolfgang wolfhard wolfram wong woodie woodroe woodrow woodson woody worley wout wouter
wriddhish wridesh wright wulan wulf wuraola wyatt wycliff wycliffe wylie wyman wynona xalak xalid xaliq xamis xanana
xander xankisi xanlar xanım xaver xavi xavier xena xenia ximena xiomara xiti xobeen xolid xosrov xuan xudaverdi
xudayar xudu xumar xzavier yaa yaakov yaaseen yachana yacine yada yadavi yadid yadiel yadigar yadira yael yafi yafir
yaghnam yagnesh yago yagın yagızkurt yahaira yahia yahir yahsi yahsikan yahvi yahya yahyaa yahyo yair yaiza yajaira
yakobo yalazabay yalcın yalgın yaltırak yalın yaman yamar yameen yamid yamile yamilet yamilex yamin yamini yan yana
yanara yance yancy yandel yanet yaneth yani yanick yanik yanina yanira yanis yanisa yankı yann yannic yannick yannik
yannis yaqeen yaqoot yaqub yar yara yareli yaretzi yargı yaritza yasaar yasan yasar yasattin yaseen yasemen yasemin
yash yashasvi yashawini yashem yashica yashoda yashodhara yashvi yasin yasina yasinta yasir yasmeen yasmin yasmina
yasmine yasna yasser yassin yassine yasti yatan yathrib yatin yauvani yavuz yaw yawar yawer yayak yazan yazeed
yazganalp yazgul yazmin yda yecid yee yeferson yehuda yeimy yeison yejide yekbun yekda yelesen yeneral yeni yenifer
yenny yeny yepelek yeraz yergha yerko yerson yertan yesenia yesica yesid yesil yesoob yessenia yessi yessica yetisal
yetta yetunde yewande yfke yigit yilmaz yina yineth yinthe yja ylenia ylfa ylfur ylja ylur ylva ylvi ylvie yma ymir
yngvar yngve yngvi ynja yoan yoann yocelyn yochana yoel yoga yohan yohana yohane yolal yolanda yolande yolima
yolonda yonatan yonathan yonetmen yono yordan yoruc yosef yoselin yoshiko yoshio yoshita yosma youba youcef younes
youri yousef yousra youssef yr yrar yrja yrjo yrkill yrr yrsa ysaline yucel yucelen yudy yug yuli yulia yuliana
yulieth yulisa yulissa yuly yumun yuni yunis yunita yunt yunus yurani yurany yurdanur yurdaser yureed yurem yuri
yuridia yurtguven yurtseven yurttas yury yusif yussuf yusuf yutika yuvraj yvan yves yvette yvon yvonne yıldır yıldız
yılma zaafir zaahid zaahir zaakir zabir zablon zac zacarias zach zacharia zachariah zacharias zacharie zachary
zachery zack zackariya zackary zackery zada zadie zaeem zaenab zafar zafeer zafir zafrul zahaar zaharia zaheer
zahfer zahi zahid zahir zahnya zahra zahri zahro zahrun zahur zaib zaid zaida zaiden zain zainab zainabu zaira zaire
zaitra zaituni zak zakaria zakarias zakariyo zakary zakayo zakhele zakir zakiyaxon zalan zaliha zalindra zaman
zamfir zamfira zamin zamiq zamir zamira zan zana zander zandra zane zaneta zanis zaniyah zansi zara zarar zaraza
zariah zarina zarna zashil zauqi zaur zavier zavion zaweel zayan zayd zayden zaynab zayne zayyan zayyir zbigniew
zbynek zdenek zdenka zdenko zdislava zdravko zeb zebirce zebulon zechariah zed zeferino zehaan zehnia zehra zehranur
zejna zekayi zeke zeki zela zelaya zelda zelha zelia zelie zeljka zeljko zella zelma zelmira zelpha zemfira zemyna
zemzem zena zenas zende zenia zennun zeno zenobia zenon zenovia zenta zenzele zenzile zerafet zerdad zeride zeta
zetta zettie zevlude zewad zeynal zeynelabidin zeynep zeyno zeynulla zhane ziba zibuyile ziedonis ziga ziggy zigmund
zigrida zihni zikmund zilfa zillah zilmil zilpah zilpha zimran zina zinal zineb zinhle zinnura zinnure zion zipporah
zita ziva zivile ziya ziyaettin zizi zlatica zlatko zoa zoe zoey zofia zofie zofija zohrehan zoie zoila zoja zola
zollie zoltan zona zophanias zophonias zora zoraida zoral zoran zorica zorka zsanett zsigmond zsofia zsolt zsombor
zsuzsanna zuba zubayr zubeyde zufer zuheyla zuhri zula zulaikha zulbiye zulema zuleyxa zulfa zulfuye zulgarni zulma
zumaridi zumre zumrud zunilda zuwayhir zuwena zuzana zvonka zvonko zwatie zygimantas ægileif ægir æsa æsgerður æsir
ævar ævarr øivind øjvind ørni øvli øystein øyvind þalia þangbrandur þeba þengill þeodis þeodora þeyr þinur þiðrandi
þiðrik þjalfi þjostar þjostolfur þjoðann þjoðbjorg þjoðbjorn þjoðgeir þjoðhildur þjoðleifur þjoðmar þjoðolfur
þjoðrekur þjoðvarður þoka þoll þor þora þoranna þorar þorarinn þorarna þorberg þorbergur þorbjorg þorbjorn
þorbrandur þordis þorelfa þorelfur þorey þorfinna þorfinnur þorfriður þorgarður þorgautur þorgeir þorgerður
þorgestur þorgils þorgisl þorgnyr þorgrima þorgrimur þorgunna þorgunnur þorhaddur þorhalla þorhalli þorhallur
þorhanna þorheiður þorhildur þorir þorkatla þorkell þorlakur þorlaug þorlaugur þorleif þorleifur þorleikur þorlindur
þormar þormoður þormundur þorny þorodda þoroddur þorolfur þorormur þororn þorri þorsteina þorsteinn þorsteinunn
þorstina þorunn þorvaldur þorvar þorvarður þorveig þorvor þorða þorður þra þrainn þrandur þrastar þrostur þrottur
þruða þruðmar þruður þrymur þufa þula þura þuri þuriður þury þyri þyrnir đuro đurđica łukasz əbdul əflatun əhliman
əli əlis əmin əmir ərtogrul əyyub
"""

GIVEN_NAMES = frozenset(_NAMES.split())
