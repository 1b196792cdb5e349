# Vrest, español. Cada palabra que la página muestra o dice. Los números llegan como
# argumentos ya formateados (cifras, signo, coma decimal) por src/present/format.rs.

## La página

page-title = Vrest · el potencial de membrana en reposo
page-tagline = El potencial de membrana en reposo, construido ion a ion
preset-label = Célula o caso
preset-group-cell-type = Tipos de célula
preset-group-clinical = Casos clínicos y experimentales
scene-heading = La membrana
scene-description = La membrana celular con sus canales de fuga, la bomba Na⁺/K⁺, los demás transportadores y los iones que la cruzan
readouts-heading = Lecturas
vm-label = Potencial de membrana
ghk-label = Voltaje pasivo (GHK):
ion-table-caption = Cada ion: potencial de equilibrio, fuerza impulsora y corriente
ion-table-ion = Ion
ion-table-e = E_ion
ion-table-driving = V − E
ion-table-current = Corriente
votes-label = El voto de cada ion sobre V (su parte de la conductancia de la membrana):
meter-heading = Iones que se movieron para crear este voltaje
meter-excess = { $excess } de carga en exceso dentro · campo { $field } · C = { $capacitance }
trace-heading = Registro de voltaje
trace-description = Potencial de membrana frente al tiempo, con líneas discontinuas en cada potencial de equilibrio y en el voltaje GHK
bars-heading = Balance de iones
bars-description = Concentración dentro y fuera de cada ion, con su potencial de equilibrio
time-controls = Control del tiempo
button-play = Reproducir
button-pause = Pausa
button-step-back = Paso atrás
button-step-forward = Paso adelante
button-reset = Reiniciar
button-export-csv = Descargar los datos (CSV)
button-export-scenario = Descargar el escenario (JSON)
button-stimulate = Estimular
stimulus-label = Pulso (µA/cm², 1 ms)
speed-label = Velocidad
controls-heading = Cambia la célula
exact-value = { $control }, valor exacto
page-footer = Cada número de esta página lo calcula en vivo el modelo de Vrest (Nernst, Goldman–Hodgkin–Katz, una bomba Na⁺/K⁺ de Kager–Wadman–Somjen y una membrana que conserva la carga).
footer-model-link = El modelo: ecuaciones, parámetros y fuentes (en inglés)
fatal-heading = Vrest se detuvo
fatal-reload = Recargar la página
fatal-internal = Vrest se detuvo por un error interno: { $detail }
error-page-no-element = La página no tiene ningún elemento con id «{ $id }».
error-page-not-canvas = El elemento «{ $id }» de la página no es un lienzo (canvas).
error-page-no-context = Este navegador no ofrece dibujo 2D para { $picture }.
error-page-not-drawn = No se pudo dibujar { $picture } ({ $detail }).
page-loading = Cargando Vrest…
fatal-load-failed = No se pudo cargar Vrest. Comprueba la conexión y vuelve a cargar la página.

## Opciones y atajos de teclado

option-sound = Sonido
option-reduced-motion = Movimiento reducido
button-shortcuts = Atajos de teclado
help-title = Atajos de teclado
help-close = Cerrar
help-key-space = Espacio
help-space = Reproducir o pausar (en cualquier sitio salvo un campo de texto, un botón o una lista)
help-period = Pausa; en pausa, avanza un paso
help-pause = Pausa (como la envía el mando de una presentación)
help-key-clicker = Av Pág, Re Pág
help-clicker = Fuera de un deslizador: paso adelante o atrás; en la línea de tiempo, el momento guardado siguiente o el anterior; en una lección, la escena siguiente o la anterior (los envía el mando de una presentación)
help-step-back = Retroceder un paso
help-key-tab = Tab, Mayús+Tab
help-tab = Ir al control siguiente o al anterior
help-key-arrows = ← → ↑ ↓
help-arrows = En un deslizador: un paso pequeño
help-key-page = Re Pág, Av Pág
help-page = En un deslizador: un paso grande
help-key-home-end = Inicio, Fin
help-home-end = En un deslizador: su valor más bajo o más alto
help-help = Mostrar esta lista
help-key-escape = Esc
help-escape = Cerrar esta lista

## Enlaces y compartir

button-share = Compartir
share-title = Compartir este estado
share-link-label = Un enlace a este estado
share-embed-label = Para ponerlo en la página de un curso (un iframe)
share-embed-note = Pégalo en la página del curso en su vista HTML (código fuente), no como texto: el editor de Moodle, Canvas y Blackboard tiene una.
share-copy-link = Copiar el enlace
share-copy-embed = Copiar el iframe
share-copied = Copiado.
share-note = El enlace abre esta célula con los mismos controles y el mismo V, con su reloj en 0, en marcha o en pausa como ahora.
share-lesson = El enlace abre la lección «{ $lesson }» en la escena { $scene }.
embed-title = Vrest: el potencial de membrana en reposo, un laboratorio interactivo
embed-open-full = Abrir completo ↗
link-notes-label = Sobre este enlace
link-dismiss = Cerrar
link-unknown = «{ $param }» en el enlace no es un ajuste que Vrest lea; se ignora.
link-preset = El caso «{ $got }» del enlace no es una de las células de Vrest; se muestra la neurona de mamífero.
link-step-size = El tamaño del paso del enlace debe ser uno de { $sizes }; se recibió «{ $got }»; un paso sigue la velocidad.
link-speed = La velocidad del enlace debe ser un índice de velocidad entre 0 y { $max }; se recibió «{ $got }»; se usa el tiempo real.
link-play = El play del enlace debe ser 1 o 0; se recibió «{ $got }»; el laboratorio empieza en pausa.
link-seed = La semilla del enlace debe ser un número entero entre 0 y 18446744073709551615; se recibió «{ $got }»; se usa la semilla habitual.
link-state-format = El estado (s) del enlace no es «v1.» y texto codificado como lo escribe Compartir; se muestra la célula sin sus cambios.
link-state = Los cambios guardados en el enlace no se pudieron usar ({ $message }); se muestra la célula sin ellos. Pide un enlace nuevo a quien te lo envió.
link-controls = { $param } en el enlace nombra «{ $got }», que no es un control de Vrest; se ignora.
share-lock-unchanged = Bloquear los controles que no he cambiado
share-choices-legend = Bloqueos para tus estudiantes
share-choices-note = Un control bloqueado sigue en la página pero no se puede cambiar; uno oculto no aparece. El enlace y el iframe siguen las casillas.
share-unlock-all = Desmarcar todas las casillas
share-lock-box = bloquear
share-hide-box = ocultar
share-lock-one = Bloquear { $control }
share-hide-one = Ocultar { $control }
share-width-label = Ancho de la columna de la página del curso (px)
share-width-error = Ancho de la columna: un número de píxeles de { $min } a { $max }; se recibió { $got }. El iframe conserva su último ancho.
share-qr-note = Escanéalo para abrir este estado en un móvil o una tableta.
share-qr-too-long = Este enlace es demasiado largo para un código QR: compártelo como texto.
qr-label = Código QR del enlace a este estado
share-questions-heading = Preguntas para tus estudiantes
share-questions-note = Hasta tres. Se muestran en la página al abrir el enlace y se imprimen en la hoja de trabajo.
share-question-label = Pregunta { $number }
questions-heading = Preguntas de tu docente
print-questions-heading = Preguntas
scorm-heading = Para el libro de calificaciones del curso (SCORM)
scorm-note = Un archivo zip para subir tal cual a Moodle, Canvas, Blackboard u Open edX como actividad: esta página en su estado actual, que informa de si se completó la lección, de la puntuación y de cada predicción.
scorm-lesson = Lección
scorm-no-lesson = Sin lección: el laboratorio tal como está (completado al abrirlo)
scorm-scored = Las predicciones cuentan para la puntuación
scorm-mastery = Nota para aprobar (%), o en blanco si no hay
scorm-version = Versión
scorm-version-12 = SCORM 1.2 (todos los LMS)
scorm-version-2004 = SCORM 2004, 4.ª edición
scorm-download = Descargar para un LMS (SCORM)
scorm-written = Se guardó { $file } ({ $kb } KB): súbelo a tu curso como paquete SCORM.
scorm-failed = No se pudo crear el paquete: { $reason }
scorm-mastery-error = Nota para aprobar: un número entero de { $min } a { $max }, o en blanco si no hay; se recibió { $got }
error-questions-count = Como máximo { $max } preguntas, cada una de como máximo { $chars } caracteres
error-question-text = Pregunta { $number }: como máximo { $chars } caracteres en una línea, sin caracteres de control
link-question = El parámetro { $param } del enlace tiene más de { $chars } caracteres o contiene caracteres de control; se omite.
qr-big-title = Escanéalo para abrir este estado
present-qr = Código QR
link-repeated = El enlace da { $param } dos veces; se usa el primero.

## Casos: títulos y descripciones de una línea, por id

preset-neuron-title = Neurona de mamífero
preset-neuron-description = Una neurona central típica a 37 °C: domina la fuga de K⁺, hay una pequeña fuga de Na⁺ y la bomba añade unos pocos mV.
preset-skeletal-muscle-title = Fibra de músculo esquelético
preset-skeletal-muscle-description = Una fibra de músculo esquelético de mamífero: una permeabilidad al Na⁺ muy baja y una alta al Cl⁻ la mantienen cerca de E_K.
preset-cardiac-myocyte-title = Miocito ventricular cardíaco
preset-cardiac-myocyte-description = Una célula del ventrículo entre latidos: el canal de K⁺ rectificador de entrada la mantiene cerca de E_K.
preset-smooth-muscle-title = Célula de músculo liso
preset-smooth-muscle-description = Una célula de músculo liso vascular o visceral: una permeabilidad al Na⁺ relativamente alta la mantiene cerca de −55 mV.
preset-astrocyte-title = Astrocito (glía)
preset-astrocyte-description = Una célula glial del cerebro: casi solo permeable al K⁺, así que reposa cerca de E_K y detecta el K⁺ extracelular.
preset-red-blood-cell-title = Glóbulo rojo
preset-red-blood-cell-description = Un eritrocito humano: domina el Cl⁻ y el K⁺ y el Na⁺ se fugan casi por igual, así que reposa cerca de −9 mV.
preset-squid-axon-title = Axón gigante de calamar
preset-squid-axon-description = El axón de Hodgkin y Katz (1949) en agua de mar a 20 °C, con P_K : P_Na : P_Cl = 1 : 0,04 : 0,45.
preset-frog-muscle-title = Músculo sartorio de rana
preset-frog-muscle-description = La fibra muscular de Hodgkin y Horowicz (1959) en solución de Ringer: P_Na/P_K ≈ 0,01, cerca de −90 mV.
preset-excitable-neuron-title = Neurona excitable
preset-excitable-neuron-description = La neurona con canales de Na⁺ y K⁺ dependientes de voltaje, KCC2 (E_Cl por debajo del reposo) y el intercambiador Na⁺/Ca²⁺ (Ca²⁺ cerca de 100 nM): un pulso la dispara.
preset-sa-node-title = Célula marcapasos (Noble 1962)
preset-sa-node-description = Una célula cardíaca que nunca reposa: su voltaje sube hasta el umbral y dispara una vez por segundo, sin estímulo. El modelo de fibra de Purkinje de Noble (1962), con una bomba que mantiene sus gradientes.
preset-plant-cell-title = Célula vegetal (bomba de H⁺)
preset-plant-cell-description = Una célula vegetal en agua de estanque: sin bomba Na⁺/K⁺, pero con una bomba de H⁺ cuya corriente mantiene V muy por debajo de E_K. Desmarca la bomba de H⁺ para ver qué hace el cianuro.
preset-hyperkalemia-7-title = Hiperpotasemia, K⁺ 7 mM
preset-hyperkalemia-7-description = El miocito ventricular con K⁺ plasmático de 7 mM (normal 3,5–5,0): E_K y el potencial de reposo suben.
preset-hyperkalemia-10-title = Hiperpotasemia, K⁺ 10 mM
preset-hyperkalemia-10-description = El miocito ventricular con K⁺ plasmático de 10 mM, un nivel que pone en peligro la vida: despolarizado unos 15 mV.
preset-hypokalemia-title = Hipopotasemia, K⁺ 2,5 mM
preset-hypokalemia-description = El miocito ventricular con K⁺ plasmático de 2,5 mM: E_K baja y la célula se hiperpolariza.
preset-ouabain-title = Ouabaína / digital (bomba bloqueada)
preset-ouabain-description = La célula cardíaca en el momento en que se bloquea su bomba: pulsa reproducir y mira cómo V salta unos mV y luego los gradientes se agotan durante horas.
preset-ouabain-donnan-title = Horas después de la ouabaína (Donnan)
preset-ouabain-donnan-description = Horas después de un bloqueo total de la bomba: los gradientes se han agotado hasta un equilibrio de Donnan. Vuelve a poner en marcha la bomba para verla recuperarse.
preset-ischemia-title = Isquemia (bomba al 30 %)
preset-ischemia-description = La neurona sin aporte de ATP, con la bomba al 30 % de su ritmo normal: el Na⁺ se acumula y la célula se despolariza.
preset-cold-title = Frío (27 °C)
preset-cold-description = La neurona enfriada 10 °C: la bomba se frena a un tercio (Q10 ≈ 3) y las fugas menos (Q10 ≈ 1,3), así que el Na⁺ se acumula y la célula se despolariza.

## Velocidades, por índice

speed-0 = Cámara lenta: 1 ms de tiempo del modelo por segundo
speed-1 = Cámara lenta: 10 ms por segundo
speed-2 = Ralentizado: 0,1 s por segundo
speed-3 = Tiempo real
speed-4 = Avance rápido: 10 s por segundo
speed-5 = Avance rápido: 1 minuto por segundo
speed-6 = Avance rápido: 10 minutos por segundo
speed-7 = Avance rápido: 1 hora por segundo
speed-slowed = { $speed }, frenado a unos { $actual } por segundo para que se dibuje cada espiga

## Lecturas

time-now = t = { $duration }
step-size = Un paso = { $duration } de tiempo del modelo
step-size-short = Un paso = { $duration } de tiempo del modelo; el último paso cubrió solo { $covered }, porque una célula que dispara necesita muchos pasos pequeños
step-size-label = Tamaño del paso
step-size-follow = Según la velocidad
step-pulse-armed = Pulso listo: Reproducir lo da; Paso adelante lo recorre { $duration } cada vez
timeline-label = Línea de tiempo
timeline-empty = Mientras el tiempo corre, sus momentos se guardan aquí para volver a ellos
timeline-kept = Arrastra hacia atrás a cualquier momento de los últimos { $span } ({ $count } guardados, unos { $kb } KB; los más antiguos se descartan primero)
timeline-earlier = Se muestra { $at } de { $latest }: Reproducir o un cambio continúa desde aquí y descarta los momentos posteriores
marks-heading = Marcas en el trazo
mark-at = A { $at }: { $mark }
mark-stimulus = Pulso de { $amplitude }
mark-scene = Escena { $scene }
mark-lock = Bloqueado
mark-unlock = Desbloqueado
mark-reset = Reinicio
mark-armed = Pulso listo
mark-change = { $control }: { $value }
trace-window = (últimos { $duration })
relative-reference = referencia (P_K)
relative-impermeant = impermeable
relative-times-pk = { $ratio } × P_K
nernst-note = No hay { $ion } { $side ->
    [inside] dentro
   *[outside] fuera
}: E es infinito, así que este ion solo puede fluir en un sentido.
note-nernst = E de { $ion } se muestra como — : { $note }
note-paused-edit = El tiempo está en pausa, así que V aún no se ha movido: lo hará cuando corra el tiempo (Reproducir o Paso adelante), camino de { $target }.
note-paused-edit-no-target = El tiempo está en pausa, así que V aún no se ha movido: lo hará cuando corra el tiempo (Reproducir o Paso adelante).
note-ghk = El voltaje pasivo (GHK) se muestra como — : ningún ion permeable puede llevar corriente en uno de los dos sentidos, así que sería infinito.
note-sealed = El voltaje pasivo (GHK) se muestra como — : ningún ion puede cruzar esta membrana, así que V se queda donde lo pone la carga separada.
pump-line = Bomba Na⁺/K⁺: { $current } ({ $cycles }). Su propia corriente desplaza V en { $shift }.
pump-none = Esta célula no tiene bomba.
proton-pump-line = Bomba de H⁺ (esta célula no tiene bomba Na⁺/K⁺): { $current } ({ $cycles }). Su propia corriente desplaza V en { $shift }.
proton-pump-cycles = { $rate } H⁺/s
pump-blocked-current = 0 (bloqueada)
pump-cycles = { $rate } ciclos/s
ions-moved = { $count } iones
potassium-fraction = 1 de cada { $denominator } iones de K⁺ de la célula ({ $percent } %)
potassium-none = ninguno de los iones de K⁺ de la célula
particle-scale = Una partícula que cruza = { $ions } iones
particle-scale-one = Una partícula que cruza = un ion
particle-density = Densidad de partículas ∝ concentración: { $count } partículas por 10 mM
legend-anion = A⁻ (aniones impermeables)

## Controles

control-inside = { $ion } dentro (mM)
control-outside = { $ion } fuera (mM)
control-permeability = Permeabilidad al { $ion } (cm/s)
control-permeability-relative = Permeabilidad al { $ion } (× P_K)
control-temperature = Temperatura (°C)
control-pump-running = Bomba en marcha (desmárcala para bloquearla, como hace la ouabaína)
control-pump-rate = Ritmo de la bomba (% del normal)
control-gates-on = Canales de Na⁺ y K⁺ dependientes de voltaje
control-kcc2-rate = KCC2 (cotransportador K⁺–Cl⁻, mM/s)
control-ncx-max = Intercambiador Na⁺/Ca²⁺ (µA/cm²)
control-proton-pump-running = Bomba de H⁺ en marcha (desmárcala para bloquearla, como hace el cianuro o la falta de oxígeno)
control-kh-exchanger-rate = Intercambiador K⁺/H⁺ (mM/s)
# La etiqueta corta de cada control ("-short"), donde no cabe su unidad ni su aclaración:
# las marcas del trazo de voltaje («K⁺ fuera: 15,0 mM»).
control-inside-short = { $ion } dentro
control-outside-short = { $ion } fuera
control-permeability-short = Permeabilidad al { $ion }
control-permeability-relative-short = Permeabilidad al { $ion }
control-temperature-short = Temperatura
control-pump-running-short = Bomba en marcha
control-pump-rate-short = Ritmo de la bomba
control-gates-on-short = Canales de Na⁺ y K⁺ dependientes de voltaje
control-kcc2-rate-short = KCC2
control-ncx-max-short = Intercambiador Na⁺/Ca²⁺
control-proton-pump-running-short = Bomba de H⁺ en marcha
control-kh-exchanger-rate-short = Intercambiador K⁺/H⁺
group-temperature = Temperatura
group-pump = Bomba
group-channels = Canales y transportadores
state-open = en la membrana
state-removed = retirados (una membrana pasiva)
state-running = en marcha
state-blocked = bloqueada

## Valores en palabras, para lectores de pantalla (aria-valuetext de un deslizador)

spoken-mm = { $value } milimolar
spoken-um = { $value } micromolar
spoken-nm = { $value } nanomolar
spoken-cm-per-s = { $value } centímetros por segundo
spoken-percent-of-pk = { $value } por ciento de P K
spoken-times-pk = { $value } veces P K
spoken-celsius = { $value } grados Celsius
spoken-percent = { $value } por ciento
spoken-mm-per-s = { $value } milimolar por segundo
spoken-ua-per-cm2 = { $value } microamperios por centímetro cuadrado
spoken-negative = menos { $value }
spoken-power = { $mantissa } por 10 elevado a { $exponent }
spoken-mv = { $value } milivoltios
spoken-mv-one = { $value } milivoltio

## Avisos de la región en vivo: cómo cambia V

announce-rising = Despolarizándose; ahora { $voltage }
announce-rising-toward = Despolarizándose hacia E { $ion }; ahora { $voltage }
announce-falling = Hiperpolarizándose; ahora { $voltage }
announce-falling-toward = Hiperpolarizándose hacia E { $ion }; ahora { $voltage }
announce-rose = Despolarizado en { $change }; estable en { $voltage }
announce-fell = Hiperpolarizado en { $change }; estable en { $voltage }
announce-steady = Estable en { $voltage }
announce-spike = Espiga { $number }, hasta { $peak }; ahora { $voltage }
announce-spikes = Espigas { $first } a { $last }, la última hasta { $peak }; ahora { $voltage }

## Unidades: $value es un número ya formateado

value-mv = { $value } mV
value-mm = { $value } mM
value-um = { $value } µM
value-nm = { $value } nM
value-celsius = { $value } °C
value-percent = { $value } %
value-mm-per-s = { $value } mM/s
value-ua-per-cm2 = { $value } µA/cm²
value-cm-per-s = { $value } cm/s
value-times-pk = { $value } × P_K
value-v-per-m = { $value } V/m
value-pf = { $value } pF
permeability-zero = 0 cm/s (impermeable)
current-outward = { $value } µA/cm² hacia fuera
current-inward = { $value } µA/cm² hacia dentro
current-zero = 0 µA/cm²
# Siempre delante de un nombre («5,79 millones de iones», «… de veces por segundo»).
count-million = { $value } millones de
count-billion = { $value } mil millones de
duration-us = { $value } µs
duration-ms = { $value } ms
duration-s = { $value } s
duration-min-s = { $minutes } min { $seconds } s
duration-h-min = { $hours } h { $minutes } min

## La escena

scene-outside = FUERA · líquido extracelular
scene-inside = DENTRO · citoplasma
channel-potassium = Fuga de { $ion } (K2P/Kir)
channel-potassium-short = { $ion } (K2P/Kir)
channel-sodium = Fuga de { $ion }
channel-other = Canal de { $ion }
gated-channel = Compuerta de { $ion } · { $open } abierta
gated-channel-short = { $ion } { $open }
pump-name = Bomba Na⁺/K⁺
pump-stoichiometry = 3 Na⁺ fuera · 2 K⁺ dentro por ATP
pump-stoichiometry-short = 3 Na⁺ fuera · 2 K⁺ dentro
pump-atp = ATP → ADP + Pᵢ
pump-rate = ritmo { $rate }
transporter-kcc2 = KCC2: K⁺ y Cl⁻ juntos
transporter-kcc2-short = KCC2
transporter-ncx = NCX: 3 Na⁺ dentro · 1 Ca²⁺ fuera
transporter-ncx-short = NCX
transporter-proton-pump = Bomba de H⁺: 1 H⁺ fuera por ATP
transporter-proton-pump-short = Bomba H⁺
transporter-kh = K⁺ fuera · H⁺ dentro
transporter-kh-short = K⁺/H⁺
bars-inside = ■ dentro
bars-outside = □ fuera
bars-e = E_ion
bars-inside-value = { $value } dentro
bars-outside-value = { $value } fuera
flow-out = ↑ { $ion } { $rate }/s
flow-in = ↓ { $ion } { $rate }/s

## La gráfica

chart-time-axis = tiempo del modelo ({ $unit })
chart-voltage-axis = V (mV)
chart-nernst = E_{ $ion }
chart-ghk = GHK
chart-v-now = V
chart-spike-title = Último potencial de acción, ampliado a { $window }
chart-spike-title-short = Último disparo ({ $window })
chart-spike-detail = pico { $peak } · { $width } de ancho
chart-spike-gates = Compuertas de Na⁺ hasta { $na } abiertas · de K⁺ hasta { $k }
kchart-heading = V frente al K⁺ de fuera
kchart-description = El potencial de membrana frente al K⁺ de fuera en escala logarítmica, de 1 a 100 mM: E_K, el voltaje pasivo GHK, dónde se asentaría esta célula y dónde está ahora
kchart-k-axis = K⁺ fuera (mM, escala logarítmica)
kchart-e-k = E_K
kchart-ghk = GHK
kchart-settled = asentada
kchart-now = Ahora

## Errores: cada uno nombra el control o campo y lo que se admite

error-out-of-range = { $control }: debe estar entre { $min } y { $max }; se recibió { $got }
error-too-small = { $control }: debe ser 0 (nada) o estar entre { $smallest } y { $max }; se recibió { $got }
error-not-a-number = un valor que no es un número
error-slider = { $control }: la posición del deslizador debe estar entre 0 y { $max }; se recibió { $got }
error-not-a-control = «{ $key }» no es un control de esta célula
error-unknown-preset = caso desconocido «{ $id }»; elige uno del menú de casos
error-no-earlier-step = paso atrás: no hay un paso anterior al que volver
error-speed = velocidad: debe ser un índice de velocidad entre 0 y { $max }; se recibió { $got }
error-step-size = tamaño del paso: debe ser uno de { $sizes }, o 0 para seguir la velocidad; se recibió { $got }
error-moment = línea de tiempo: debe ser un momento entre 0 y { $max }; se recibió { $got }
error-particles = partículas: debe estar entre { $min } y { $max }; se recibió { $got }
error-rejected = { $message }
error-stopped = El modelo se detuvo: { $message }
error-command = No se pudo leer esta acción: { $detail }
error-locked = { $control } está bloqueado por tu profesor
error-unknown-controls = «{ $pattern }» no nombra ningún control de Vrest (una clave como ion.K.outside o un grupo como pump)
control-locked = Bloqueado por tu profesor
error-argument-text = { $name }: debe ser un texto; se recibió { $got }
error-argument-time = { $name }: debe ser un tiempo entre 0 y { $max } ms; se recibió { $got }
error-argument-keys = { $name }: debe enumerar claves de controles de esta célula; se recibió { $got }
error-locale = idioma: «{ $got }» no es un idioma que hable Vrest; elige { $choices }

## Los rechazos del modelo (códigos de vrest_core::error): la página y la línea de
## órdenes los expresan aquí. Los nombres de campos y claves JSON quedan como en el escenario.

error-model-at = { $field }: { $problem }
error-range-from = entre { $min } y { $max }{ $unit }
error-range-above = mayor que { $min } y como mucho { $max }{ $unit }
error-infinite = un valor infinito
error-negative-infinite = un valor infinito negativo
error-model-range = debe ser un número { $range }; se recibió { $got }
error-model-steps = no se pudo integrar el modelo: más de { $steps } pasos para { $duration } s
error-model-step-size = no se pudo integrar el modelo: el paso bajó de 1e-15 s a los { $after } s
error-model-too-many-steps = no se pudo integrar el modelo: necesitó demasiados pasos
error-model-time-before = debe ser un tiempo finito igual o posterior a { $now } s; se recibió { $got }
error-model-no-kcc2 = esta célula no tiene KCC2
error-model-no-ncx = esta célula no tiene intercambiador
error-model-no-kh-exchanger = esta célula no tiene intercambiador K⁺/H⁺
error-model-no-proton-pump = esta célula no tiene bomba de H⁺
error-model-no-pump = esta célula no tiene bomba
error-model-ion-index = debe ser un índice de ion entre 0 y { $max }; se recibió { $got }
error-model-charge = debe ser un entero distinto de cero entre { $min } y { $max }; se recibió { $got }
error-model-nernst-zero = debe ser mayor que 0 mM (y como mucho { $max } mM) para un potencial de Nernst; en 0 es infinito
error-model-no-ions = debe incluir de 1 a { $max } iones; no se recibió ninguno
error-model-sealed = al menos una permeability_cm_per_s debe ser mayor que 0 (cada una entre 0 y { $max } cm/s); con todas en cero el voltaje no está definido
error-model-ghk-charge = la ecuación GHK cerrada necesita iones permeables de carga +1 o −1; se recibió { $got }
error-model-infinite-voltage = el voltaje sería infinito: algún ion permeable debe poder llevar corriente en cada sentido, así que las concentraciones del logaritmo deben ser mayores que 0 mM (y como mucho { $max } mM)
error-model-finite-current = debe ser una corriente finita
error-model-beyond-100-v = el voltaje está más allá de ±100 V: las razones de concentración son demasiado extremas
error-model-no-convergence = la búsqueda del voltaje no convergió (por favor, informa de este escenario)
error-model-pump-charge = los iones de la bomba deben tener carga +1
error-model-coupling = debe ser mayor que 0 y como mucho { $max }; se recibió { $got }
error-model-no-steady-state = no llegó a un estado estacionario en { $years } años de tiempo del modelo
error-model-no-potassium = la célula de partida no tiene K⁺
error-model-unknown-preset = caso desconocido «{ $id }»; elige uno de: { $ids }
error-model-ion-required = es obligatorio para «{ $name }», que el escenario de partida no tiene
error-model-ion-count = debe incluir de 1 a { $max } iones; se recibieron { $got }
error-model-name = debe tener de 1 a { $max } caracteres, sin caracteres de control ni espacios al principio o al final; se recibió «{ $got }»
error-model-name-comma = no puede contener una coma; se recibió «{ $got }»
error-model-name-direction = no puede contener el control de dirección { $char }; se recibió «{ $got }»
error-model-name-reserved = «{ $name }» está reservado para la corriente de un transportador; elige otro nombre
error-model-name-twice = «{ $name }» aparece dos veces; los nombres de los iones deben ser únicos
error-model-pump-needs = necesita un ion llamado «{ $name }» (carga +1) que bombear; añádelo a "ions" o pon "pump": null para una célula sin bomba
error-model-pump-cation = bombea «{ $name }» como catión, así que su carga debe ser +1; se recibió { $got }
error-model-noble-and-gates = y "gates" son dos conjuntos de canales dependientes de voltaje; una célula tiene uno u otro (pon uno a null)
error-model-buffer-needs-h = necesita H⁺ dentro por encima de 0 mM: un tampón mantiene un pH, y 0 mM no tiene ninguno
error-model-pulse-count = debe incluir como mucho { $max } pulsos; se recibieron { $got }
error-model-moves-charge = mueve «{ $name }» con carga { $charge }; se recibió { $got }
error-model-needs-ion = necesita un ion llamado «{ $name }» (carga { $charge }); añádelo a "ions" o pon "{ $key }": null
error-model-pump-required = es obligatorio para una bomba que el escenario de partida no tiene (un número { $range })
error-model-proton-pump-required = es obligatorio para una bomba de protones que el escenario de partida no tiene (un número { $range })
error-model-exchanger-required = es obligatorio para un intercambiador que el escenario de partida no tiene (un número { $range })
error-model-object = debe ser un objeto JSON { "{" } ... { "}" }
error-model-object-or-null = debe ser un objeto JSON { "{" } ... { "}" } o null
error-model-scenario-object = el escenario debe ser un objeto JSON { "{" } ... { "}" }
error-model-list-length = debe incluir como mucho { $max } elementos; se recibieron { $got }
error-model-null = no puede ser null (omite la clave para conservar el valor del escenario de partida)
error-model-json-syntax = no es JSON válido (en la línea { $line }, columna { $column })
error-model-json-end = no es JSON válido: termina antes de estar completo (en la línea { $line }, columna { $column })
error-model-json-number = no es JSON válido: un número demasiado grande para un ordenador (en la línea { $line }, columna { $column })
error-model-json-nan = no es JSON válido (en la línea { $line }, columna { $column }); NaN e Infinity no son números en JSON
error-model-unknown-key = campo desconocido `{ $key }`; se esperaba uno de { $keys }
error-model-missing-key = falta el campo `{ $key }`
error-model-type-number = tipo no válido: se esperaba un número
error-model-type-boolean = tipo no válido: se esperaba true o false
error-model-type-text = tipo no válido: se esperaba un texto entre comillas
error-model-type-whole = tipo no válido: se esperaba un número entero
error-model-type-list = tipo no válido: se esperaba una lista [ … ]
error-model-type-object = tipo no válido: se esperaba un objeto JSON { "{" } … { "}" }
error-model-invalid = no es un valor que este campo admita
error-model-unknown-value = valor desconocido `{ $got }`; se esperaba uno de { $keys }
error-command-missing = a esta acción le falta este argumento; admite { $takes }

## Mensajes rechazados de una página que incrusta Vrest y órdenes de la página
## (lab::host, lab::args, lab::command): para quien la programa, en el idioma de la
## página, con el código al lado.

error-host-size = como mucho { $max } bytes de JSON
error-host-rate = como mucho { $max } por segundo; vuelve a enviarlo más tarde
error-host-depth = como mucho { $max } niveles de objetos y listas (un mensaje que se contiene a sí mismo no tiene fin)
error-host-not-data = debe ser un dato JSON (un objeto, lista, texto, número, true, false o null); se recibió un valor de tipo { $got }
error-host-not-json = el mensaje debe ser un dato JSON
error-host-envelope = el mensaje debe ser un objeto { "{" }"vrest": 1, "id": …, "do": …{ "}" }
error-host-id = debe ser un número
error-host-version = debe ser { $version }, la versión de esta API
error-host-argument = «{ $got }» no es un argumento de esta orden; admite { $takes }
error-host-no-argument = «{ $got }» no es un argumento de esta orden; no admite ninguno
error-host-args = debe ser un objeto { "{" }…{ "}" }
error-host-controls = debe ser una lista de claves de controles como ["ion.K.outside", "pump"]
error-host-direction = debe ser 1 (adelante) o -1 (atrás)
error-host-choice = debe ser un número entero desde 0 (la primera opción)
error-host-events = debe ser una lista de "state" y "lesson", no vacía
error-host-max-hz = debe ser un número mayor que 0 y como mucho { $max }
error-host-preset = debe ser el identificador de un caso (vrest presets los lista)
error-host-scenario = debe ser un cambio de escenario, un objeto { "{" }…{ "}" }
error-host-speed = debe ser un índice de velocidad entre 0 y { $max }
error-host-step-size = debe ser un número de segundos: uno de los tamaños de paso, o 0 para seguir la velocidad
error-host-playing = debe ser true o false
error-host-command = «{ $got }» no es una orden; las órdenes son { $commands }
error-locale-file = idioma: no se pudieron cargar las palabras de este idioma ({ $file })
language-label = Idioma

## Las imágenes en palabras (la descripción de cada lienzo; se lee a petición, nunca se anuncia)

describe-summary = Describir con palabras
describe-ion-out = El { $ion } sale de la célula por sus canales, { $rate } iones por segundo netos ({ $current }).
describe-ion-in = El { $ion } entra en la célula por sus canales, { $rate } iones por segundo netos ({ $current }).
describe-ion-balanced = Sin flujo neto por los canales de { $ions }: cada uno está en su potencial de equilibrio.
describe-gated = Su canal de { $ion } dependiente de voltaje está { $open } abierto.
describe-pump = La bomba Na⁺/K⁺ gira { $cycles } veces por segundo y en cada vuelta saca 3 Na⁺ y mete 2 K⁺; su propia corriente es { $current }.
describe-pump-blocked = La bomba Na⁺/K⁺ está bloqueada: no mueve iones.
describe-proton-pump = La bomba de H⁺ saca { $cycles } H⁺ por segundo; su corriente es { $current }.
describe-proton-pump-blocked = La bomba de H⁺ está bloqueada: no mueve iones.
describe-kcc2-out = El KCC2 saca { $rate } pares K⁺–Cl⁻ por segundo.
describe-kcc2-in = El KCC2 mete { $rate } pares K⁺–Cl⁻ por segundo.
describe-ncx-forward = El intercambiador Na⁺/Ca²⁺ mete 3 Na⁺ por cada Ca²⁺ que saca, { $rate } veces por segundo.
describe-ncx-reverse = El intercambiador Na⁺/Ca²⁺ funciona al revés, 3 Na⁺ fuera por cada Ca²⁺ dentro, { $rate } veces por segundo.
describe-kh-forward = El intercambiador K⁺/H⁺ cambia un K⁺ que sale por un H⁺ que entra, { $rate } veces por segundo.
describe-kh-reverse = El intercambiador K⁺/H⁺ funciona al revés, un K⁺ dentro por un H⁺ fuera, { $rate } veces por segundo.
describe-skin-negative = Una fina capa de carga mantiene V en { $voltage }: carga negativa equivalente a { $count } iones recubre la cara interna de la membrana, compensada por otra tanta carga positiva en la cara externa; el resto de cada lado sigue neutro.
describe-skin-positive = Una fina capa de carga mantiene V en { $voltage }: carga positiva equivalente a { $count } iones recubre la cara interna de la membrana, compensada por otra tanta carga negativa en la cara externa; el resto de cada lado sigue neutro.
describe-skin-none = V es 0: no hay carga separada a través de la membrana.
describe-reduced-motion = El movimiento reducido está activado: las partículas no se mueven y una flecha en cada canal y transportador muestra en qué sentido cruzan sus iones y cuántas partículas por segundo.
describe-trace-empty = Aún no hay registro; V es { $voltage }. Pulsa Reproducir o Paso adelante para registrarlo.
describe-trace = En los últimos { $window }, V se mantuvo entre { $low } y { $high }; ahora es { $voltage } y { $trend ->
    [rising] sube
    [falling] baja
   *[steady] está estable
}.
describe-trace-flat = En los últimos { $window }, V se mantuvo en { $voltage }.
describe-trace-spike = Una espiga en esta ventana.
describe-trace-spikes = { $count } espigas en esta ventana.
describe-last-spike = El último potencial de acción, en { $time }, llegó a { $peak } y duró { $width } a media altura.
describe-line = { $name } { $value }
describe-trace-lines = Líneas discontinuas: { $lines }.
describe-e-infinite = infinito
describe-bar-inside = { $ion }: { $inside } dentro y { $outside } fuera, { $ratio } veces más dentro; E = { $e }.
describe-bar-outside = { $ion }: { $inside } dentro y { $outside } fuera, { $ratio } veces más fuera; E = { $e }.
describe-bar-one-side = { $ion }: { $inside } dentro y { $outside } fuera; E = { $e }.
describe-kchart = Al subir el K⁺ de fuera de 1 a 10 y a 100 mM, E_K pasa de { $e1 } a { $e10 } y a { $e100 }; el voltaje pasivo GHK, de { $g1 } a { $g10 } y a { $g100 }; y donde se asentaría esta célula, de { $s1 } a { $s10 } y a { $s100 }. Ahora el K⁺ de fuera es { $k } y V es { $voltage }.
describe-kchart-none = Esta célula no tiene K⁺, así que la gráfica no tiene curvas.

## Presentation mode, the picture, the data table and the printed worksheet
button-present = Presentar
present-title = Presentar a la clase
present-note = Letra grande, la escena y el trazo grandes y, de los controles, solo los que marques. Esc o «Salir de la presentación» devuelve la página entera.
present-controls = Controles que se muestran
present-start = Empezar a presentar
present-exit = Salir de la presentación
button-snapshot = Guardar una imagen (PNG)
button-print = Imprimir una hoja de trabajo
snapshot-link = Este estado: { $link }
button-record = Registrar valores
records-heading = Tabla de datos
records-note = Registra una fila, cambia una sola cosa y vuelve a registrar: cada fila guarda los valores de ese momento.
records-empty = Aún no hay filas: pulsa «Registrar valores».
records-count-one = 1 fila
records-count = { $count } filas
records-table-label = Las filas registradas
records-export = Descargar la tabla (CSV)
records-clear = Vaciar la tabla
records-col-n = n.º
records-col-cell = Célula
records-col-t = t
records-col-v = V
records-col-e = E_{ $ion }
records-col-ghk = Voltaje GHK
records-col-pump = Corriente de la bomba
records-col-changed = Cambios respecto al caso
records-none = –
records-unchanged = nada (el caso tal cual)
record-change = { $control }: { $value }
error-table-full = La tabla de datos admite como máximo { $max } filas: descárgala y vacíala para registrar más
error-not-followed = V aún no ha seguido tu cambio, porque el tiempo está en pausa: pulsa Reproducir o Paso adelante y después registra la fila.
print-heading = Hoja de trabajo de Vrest
print-state = { $cell } · V { $voltage } · t { $time }
print-changes-heading = Cambios respecto al caso
print-name = Nombre:
print-class = Grupo:
print-unchanged = Ninguno: el caso tal cual.
print-link-heading = Abrir de nuevo este estado
print-notes-heading = Mis notas

## Guided lessons (src/lab/lesson.rs): titles, captions with the model's numbers, questions
lessons-label = Lecciones guiadas
lesson-start = Empezar la lección
lesson-captions = Subtítulos
lesson-progress = Escena { $scene } de { $count }
lesson-scenes = Escenas
lesson-play = Reproducir la lección
lesson-pause = Pausar la lección
lesson-back = Escena anterior
lesson-next = Escena siguiente
lesson-leave = Salir de la lección
lesson-narrate = Leer los subtítulos en voz alta
lesson-vtt = Subtítulos (WebVTT)
lesson-transcript = Transcripción
lesson-watch = Observa: { $scene }…
lesson-right = Correcto. { $result }
lesson-not-quite = No exactamente: la respuesta es «{ $right }». { $result }
lesson-answer = Tu predicción
lesson-continue = Continuar
lesson-choice-spoken = Opción { $n }: { $choice }.
lesson-end-heading = Lo que mostró esta lección
lesson-end-line = { $fired ->
    [one] { $title }: V { $voltage }, { $spikes } potencial de acción
    [many] { $title }: V { $voltage }, { $spikes } potenciales de acción
   *[none] { $title }: V { $voltage }
}
lesson-again = Empezar de nuevo
lesson-explore = Explorar esta célula
lesson-build-up-end = Los gradientes solos no dan voltaje. Los canales de fuga dejan cruzar iones: el K⁺ es el que más se fuga, y el reposo queda cerca de E_K. La bomba mantiene los gradientes.
lesson-block-pump-end = La bomba aporta a V solo unos pocos mV directamente. Su verdadera tarea son los gradientes: sin ella, V decae poco a poco.
lesson-hyperkalemia-end = Más K⁺ fuera sube E_K y la V de reposo. Un poco hace la célula más fácil de excitar; mucho la silencia.
lesson-block-pump = Bloquear la bomba
lesson-block-pump-rest-title = Una neurona en reposo
lesson-block-pump-rest = Esta neurona reposa a { $voltage }. El K⁺ sale por sus canales, entra un poco de Na⁺, y la bomba devuelve ambos a su sitio.
lesson-block-pump-block-title = Bloquear la bomba
lesson-block-pump-block-question = La ouabaína bloquea la bomba. ¿Qué le pasa a V en el primer segundo?
lesson-block-pump-block-choice-1 = Cae a 0 mV
lesson-block-pump-block-choice-2 = Se mueve unos pocos mV
lesson-block-pump-block-choice-3 = Nada en absoluto
lesson-block-pump-block = En el primer segundo V se movió solo { $change }, hasta { $voltage }: falta la corriente de salida propia de la bomba, y eso era todo lo que aportaba directamente a V.
lesson-block-pump-hour-title = Una hora después
lesson-block-pump-hour-question = ¿Y después de una hora con la bomba bloqueada?
lesson-block-pump-hour-choice-1 = Vuelve a donde estaba
lesson-block-pump-hour-choice-2 = Sube despacio hacia 0 mientras los gradientes se agotan
lesson-block-pump-hour-choice-3 = Mucho más negativo
lesson-block-pump-hour = Tras { $time }, V es { $voltage }: el K⁺ interior ha bajado a { $k_in } y el Na⁺ interior ha subido a { $na_in }. Mantener los gradientes es el verdadero trabajo de la bomba.
lesson-block-pump-restore-title = Desbloquearla
lesson-block-pump-restore = Con la bomba funcionando de nuevo durante una hora, el Na⁺ interior vuelve a { $na_in } y V a { $voltage }: un estado estacionario que se paga con ATP.
lesson-hyperkalemia = Hiperpotasemia: demasiado K⁺ fuera
lesson-hyperkalemia-fires-title = Un potencial de acción
lesson-hyperkalemia-fires = En reposo cerca de { $before }, un pulso de { $pulse } dispara { $spikes } potencial de acción: V supera el cero y vuelve.
lesson-hyperkalemia-raise-title = K⁺ exterior a { $target }
lesson-hyperkalemia-raise-question = El K⁺ exterior es ahora { $target }, como en una hiperpotasemia grave. ¿Adónde irá la V de reposo?
lesson-hyperkalemia-raise-choice-1 = Sube, hacia el umbral
lesson-hyperkalemia-raise-choice-2 = Baja, más negativo
lesson-hyperkalemia-raise-choice-3 = A ningún sitio: la bomba lo sostiene
lesson-hyperkalemia-raise = E_K subió a { $e_k } y V con él: la célula reposa ahora a { $voltage }, { $change } por encima de donde estaba, más cerca del umbral.
lesson-hyperkalemia-fires-again-title = Aún excitable
lesson-hyperkalemia-fires-again = El mismo pulso aún dispara { $spikes } potencial de acción: más cerca del umbral, la célula es más excitable, no menos.
lesson-hyperkalemia-high-title = K⁺ exterior a { $target }
lesson-hyperkalemia-high = Con { $k_out } de K⁺ fuera, E_K es { $e_k } y la célula reposa a { $voltage }.
lesson-hyperkalemia-silent-title = En silencio
lesson-hyperkalemia-silent-question = El reposo está ahora aún más cerca del umbral. ¿Disparará el mismo pulso un potencial de acción?
lesson-hyperkalemia-silent-choice-1 = Sí, más fácilmente
lesson-hyperkalemia-silent-choice-2 = Sí, igual
lesson-hyperkalemia-silent-choice-3 = No
lesson-hyperkalemia-silent = El pulso dispara { $spikes } potenciales de acción: tan despolarizados, los canales de Na⁺ quedan inactivados y no pueden abrirse. Por eso el K⁺ alto puede parar el corazón.
error-unknown-lesson = «{ $id }» no es una lección de Vrest; las lecciones son { $ids }
error-lesson-step = una escena de la lección de 1 a { $max }; se recibió { $got }
error-no-lesson = no hay ninguna lección en curso
error-no-question = esta escena no hace ninguna pregunta
error-choice = una opción de 1 a { $max }; se recibió { $got }
link-lesson = La lección «{ $got }» del enlace no es una de Vrest; el laboratorio se abre sin ella.
link-step = El paso «{ $got }» del enlace no es una escena de su lección (1 a { $max }); la lección empieza por la primera.
lesson-build-up = El potencial de reposo, paso a paso
lesson-build-up-same-title = El mismo líquido a ambos lados
lesson-build-up-same = El mismo líquido a ambos lados y nada puede cruzar: sin gradiente ni corriente. V es { $voltage }.
lesson-build-up-anions-title = Aniones atrapados y gradientes
lesson-build-up-anions-question = Ahora dentro hay K⁺ y aniones orgánicos atrapados, fuera Na⁺ y Cl⁻, y sigue sin poder cruzar nada. ¿Cuánto vale V?
lesson-build-up-anions-choice-1 = Negativo, como en reposo
lesson-build-up-anions-choice-2 = Cero
lesson-build-up-anions-choice-3 = Positivo
lesson-build-up-anions = Sigue en { $voltage }: cada lado es neutro, y V necesita que se mueva carga. Los gradientes ya están (E_K { $e_k }, E_Na { $e_na }).
lesson-build-up-pump-title = La bomba sola
lesson-build-up-pump-question = La bomba de Na⁺/K⁺ ya está encendida, todavía sin fugas. ¿Qué hará V?
lesson-build-up-pump-choice-1 = Se mueve unos pocos mV
lesson-build-up-pump-choice-2 = Baja hasta que la bomba ya no puede empujar más
lesson-build-up-pump-choice-3 = Se queda en 0 mV
lesson-build-up-pump = Cada ciclo saca una carga y ninguna fuga la devuelve: V baja a { $voltage }, donde la bomba se detiene.
lesson-build-up-k-leak-title = Una fuga de K⁺
lesson-build-up-k-leak = El K⁺ se fuga hasta que V llega a { $voltage }: E_K ({ $e_k }), desplazado { $pump_share } más por la corriente propia de la bomba.
lesson-build-up-na-leak-title = Una pequeña fuga de Na⁺
lesson-build-up-na-leak-question = Ya hay una pequeña fuga de Na⁺. ¿Adónde irá V?
lesson-build-up-na-leak-choice-1 = Se queda en E_K
lesson-build-up-na-leak-choice-2 = Sube un poco, hacia E_Na
lesson-build-up-na-leak-choice-3 = Sube hasta E_Na
lesson-build-up-na-leak = El Na⁺ entra; V se asienta en { $voltage }, entre E_K { $e_k } y E_Na { $e_na }, cerca de E_K. Este es el potencial de reposo.
lesson-build-up-cl-title = Cl⁻, pasivo
lesson-build-up-cl = Se abren canales de Cl⁻: nada cambia. E_Cl { $e_cl } ya es igual a V { $voltage }. Un ion pasivo sigue a V; no lo fija.
lesson-build-up-kcc2-title = KCC2 saca Cl⁻
lesson-build-up-kcc2 = KCC2 saca Cl⁻: E_Cl baja a { $e_cl }, por debajo del reposo en { $voltage }. Abrir canales de Cl⁻ ahora inhibe.
lesson-build-up-ca-title = Ca²⁺, mantenido bajo
lesson-build-up-ca = El Ca²⁺ entraría en tromba (E_Ca { $e_ca }). El intercambiador Na⁺/Ca²⁺ lo mantiene en { $ca_in } dentro, frente a { $ca_out } fuera.
myths-heading = Cinco ideas erróneas, puestas a prueba
myths-show = Muéstramelo
lesson-myth-pump = «La bomba crea directamente el voltaje.»
lesson-myth-pump-shows = Bloquéala: V se mueve solo unos pocos mV al momento y luego decae durante una hora.
lesson-myth-pump-block-title = Bloquear la bomba
lesson-myth-pump-block = Bloqueada, su corriente propia desaparece: V se movió solo { $change }, hasta { $voltage }. Son las fugas, no la bomba, las que crean el potencial de reposo.
lesson-myth-pump-hour-title = Una hora después
lesson-myth-pump-hour = Tras { $time } sin ella, el K⁺ interior es { $k_in }, el Na⁺ interior { $na_in } y V { $voltage }: el trabajo de la bomba son los gradientes.
lesson-myth-equal = «Hay el mismo número de iones dentro y fuera.»
lesson-myth-equal-shows = Las barras del equilibrio iónico y el medidor de carga.
lesson-myth-equal-bars-title = Las barras y el medidor
lesson-myth-equal-bars = Cada ion está muy lejos de repartirse por igual (K⁺ { $k_in } dentro, { $k_out } fuera), y aun así cada lado es neutro hasta unas pocas partes por millón: { $charge }.
lesson-myth-many = «Para fijar −70 mV se mueven muchísimos iones.»
lesson-myth-many-shows = El medidor de «iones movidos».
lesson-myth-many-meter-title = Iones movidos
lesson-myth-many-meter = Para mantener V en { $voltage } solo tuvieron que cruzar { $moved } iones: { $k_fraction }.
lesson-myth-ek = «El potencial de reposo es igual a E_K.»
lesson-myth-ek-shows = V − E_K en la tabla, y lo que hace la fuga de Na⁺.
lesson-myth-ek-rest-title = V y E_K
lesson-myth-ek-rest = En reposo V es { $voltage } y E_K { $e_k }: V − E_K vale { $v_minus_e_k }, por la pequeña fuga de Na⁺.
lesson-myth-ek-no-na-title = Sin fuga de Na⁺
lesson-myth-ek-no-na = Cierra la fuga de Na⁺ y V baja a { $voltage }, junto a E_K { $e_k } (la corriente propia de la bomba añade { $pump_share }): la fuga de Na⁺ es lo que mantiene el reposo por encima de E_K.
lesson-myth-equilibrium = «La membrana está en equilibrio.»
lesson-myth-equilibrium-shows = Un estado estacionario que cuesta ATP: detén la bomba y decae.
lesson-myth-equilibrium-atp-title = Estable, con un coste
lesson-myth-equilibrium-atp = V se mantiene en { $voltage }, pero el Na⁺ y el K⁺ se fugan sin parar: la bomba gasta { $atp } ATP por segundo en devolverlos. Estacionario no es equilibrio.
lesson-myth-equilibrium-decay-title = Deja de pagar
lesson-myth-equilibrium-decay = Con la bomba parada, tras { $time } V es { $voltage }, el K⁺ interior { $k_in } y el Na⁺ interior { $na_in }: sin ATP, el estado decae.

## Límites de enlaces y mensajes, y bloqueos que se mantienen
link-state-depth = El estado (s) del enlace anida más de { $max } niveles; se muestra la célula sin sus cambios.
link-list-too-long = { $param } en el enlace enumera más de { $max } controles o { $chars } caracteres; no se usa nada de ello.
link-too-many = El enlace trae { $ignored } ajustes más de los { $max } que Vrest lee; se ignoran.
link-more = …y { $count } notas más sobre este enlace.
error-locked-change = esto cambiaría { $control }, que tu profesor bloqueó; no se cambió nada
error-asking = La lección espera tu respuesta: elige una opción o pulsa «{ $leave }».
error-typed = { $control }: «{ $got }» no es un número; escríbelo como { $example }, entre { $min } y { $max }
error-typed-plain = { $control }: no es un número; escríbelo como { $example }, entre { $min } y { $max }

## La vista del estudiante y el laboratorio completo
view-switch-lab = Ver el laboratorio completo
view-switch-learn = Ver la vista sencilla
link-view = La vista «{ $got }» del enlace no es learn ni lab; se muestra la vista sencilla.
note-pulse-ready = El tiempo está en pausa, así que el pulso espera: pulsa Reproducir para darlo, o Paso adelante para verlo paso a paso.
note-cannot-fire = Esta célula no tiene canales dependientes del voltaje, así que no puede disparar un potencial de acción: V solo se movió mientras el pulso inyectaba carga, y las fugas la devuelven. Para ver un potencial de acción, elige la neurona excitable.
note-spike-fast = Ese potencial de acción duró { $width }: el recuadro «Último potencial de acción» de la traza lo amplía, y la velocidad al mínimo (cámara lenta) muestra uno mientras ocurre.
glossary-summary = ¿Qué significan estas palabras?
glossary-v = V, el potencial de membrana
glossary-v-means = El voltaje del interior de la célula respecto al exterior. Negativo significa que el interior es más negativo que el exterior.
glossary-e = E_K, E_Na, E_Cl, E_Ca (potenciales de equilibrio)
glossary-e-means = Para cada ion, el voltaje al que dejaría de moverse en conjunto: el empuje de su gradiente de concentración y la atracción del voltaje se anulan. En una neurona E_K queda muy por debajo de cero y E_Na bastante por encima; la tabla de iones muestra cada uno.
glossary-leak = Canal de fuga
glossary-leak-means = Un poro siempre abierto que deja pasar un tipo de ion. La célula tiene muchas más fugas de K⁺ abiertas que de Na⁺, por eso V queda cerca de E_K.
glossary-pump = La bomba de Na⁺/K⁺
glossary-pump-means = Una proteína que usa ATP para sacar 3 Na⁺ y meter 2 K⁺, una y otra vez. Mantiene distintas las concentraciones dentro y fuera.
glossary-ghk = Voltaje GHK
glossary-ghk-means = El voltaje que fijarían ahora solo las fugas (Goldman–Hodgkin–Katz): una mezcla de la E de cada ion, ponderada por lo fácil que cruza.
glossary-gated = Canal dependiente de voltaje
glossary-gated-means = Un canal con una compuerta que se abre cuando V sube. En una neurona se abren primero las compuertas de Na⁺ y luego las de K⁺: eso es un potencial de acción.
glossary-spike = Potencial de acción
glossary-spike-means = Un salto breve de V por encima de cero y de vuelta, en un milisegundo más o menos, en células con canales dependientes de voltaje.
chart-time-axis-after = tiempo del modelo ({ $unit }) tras { $origin }
clock-s = { $seconds } s
clock-min-s = { $minutes } min { $seconds } s
clock-h-min-s = { $hours } h { $minutes } min { $seconds } s
