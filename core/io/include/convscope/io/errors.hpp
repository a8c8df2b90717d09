#pragma once
// Every error of reading and writing files, in one place, the way core/errors.hpp lists the
// engine's: a stable id and an English template whose {names} are the error's values. The
// English message is always the template filled in (the CLI prints it, tests compare it), so
// the GUI can say the same in 繁體中文 from the id and the values. Values named path, field,
// key, dtype, shape, text or ext hold what the file or the person wrote and stay as written.
// A template with {cause} wraps another error (Error::cause): "photo.png: {cause}".
#include <span>
#include <string>
#include <vector>

#include "convscope/core/errors.hpp"

namespace convscope::io {

enum class IoErrorId {
    // files.cpp
    FileNotFound,
    FileIsFolder,
    FileUnreadable,
    FileTooLarge,
    FileCannotOpen,
    FileChanged,
    OutputFolderMissing,
    OutputIsFolder,
    OutputCannotWrite,
    OutputWriteFailed,
    // array.cpp
    UnknownExtension,
    InFile,
    OutputNeedsPlane,
    UnknownOutputExtension,
    IndicesFormat,
    DimensionTooSmall,
    TensorRank,
    WeightsRank,
    BiasEmpty,
    BiasRank,
    // image.cpp, image_input.cpp
    ImageTooLargeToDecode,
    ImagePnmNumberTooLarge,
    ImageTooLarge,
    JpegTooManyCodes,
    JpegUndefinedTable,
    ImageUnreadable,
    ImageNoPixels,
    ImageTruncated,
    ImageUndecodable,
    PngEncodingFailed,
    PngBufferMismatch,
    UnknownImageChannel,
    CropOutside,
    NotAnImage,
    // npy.cpp
    NpyMissingEntry,
    NpyMalformedHeader,
    NpyShapeNotClosed,
    NpyStringNotClosed,
    NpyDimensionTooLarge,
    NpyShapeNotSizes,
    NpyMalformedDtype,
    NpyBigEndian,
    NpyUnsupportedDtype,
    NpyBadMagic,
    NpyHeaderTruncated,
    NpyUnknownVersion,
    NpyFortranOrder,
    NpyBadFortranOrder,
    NpyShapeNotTuple,
    ArrayTooManyValues,
    NpyTruncated,
    // csv.cpp
    CsvNotNumber,
    CsvTooManyValues,
    CsvRagged,
    CsvEmpty,
    // session.cpp
    SessionNotJson,
    SessionNotSession,
    InSession,
    SessionJsonError,
    SessionVersionNewer,
    FieldMissing,
    FieldNotNumber,
    FieldNotNumberList,
    FieldCountMismatch,
    FieldNotInteger,
    FieldOutsideRange,
    FieldNotPair,
    FieldNotBool,
    FieldNotString,
    FieldShapeRank,
    FieldShapeTooLarge,
    FieldNotFinite,
    FieldNotEither,
    FieldNotCrop,
    FieldNotInRange,
    FieldTooManyStages,
    FieldNotObject,
    FieldLayerCount,
    // layer_json.cpp
    FieldUnknownLayerType,
    FieldUnknownKey,
    FieldNotPadding,
    // lesson.cpp
    LessonNotJson,
    LessonNoTitle,
    LessonNoScene,
    LessonNoSteps,
    LessonTitleNoEnglish,
    LessonTitleChineseNotString,
    LessonStepNoEnglish,
    LessonStepChineseNotString,
    LessonStepNotObject,
    InLessonStep,
    LessonBadPin,
    LessonBadLayerPatch,
    LessonsFolderUnreadable,
    // stored_tensor.cpp
    TensorTooLarge,
    TensorNegativeDimension,
    TensorSizeMismatch,
    TensorUnsupportedDtype,
    TensorNotFound,
    TensorDuplicate,
    // npz.cpp
    NpzNoDirectory,
    NpzDirectoryDamaged,
    NpzEntryOutside,
    NpzEntryMethod,
    NpzEntryEncrypted,
    NpzEntryCorrupt,
    NpzEntryCrc,
    NpzEntryNotNpy,
    InNpzEntry,
    NpzEmpty,
    NpzTooLarge,
    // safetensors.cpp
    SafetensorsTruncated,
    SafetensorsHeaderTooLarge,
    SafetensorsNotJson,
    SafetensorsBadEntry,
    SafetensorsOffsetsOutside,
    // onnx_model.cpp
    OnnxNotModel,
    OnnxNoGraph,
    OnnxCycle,
    OnnxValueTwice,
    OnnxExternalOutside,
    OnnxExternalUnavailable,
    OnnxExternalRange,
    OnnxTensorField,
    OnnxSegmented,
    // model.cpp, onnx_layers.cpp
    ModelUnknownExtension,
    ModelNotGraph,
    ModelNodesSyntax,
    ModelNodesRange,
    ModelNodeUnsupported,
    ModelNotChain,
    NodeNoLayerKind,
    NodeAsymmetricTransposedPadding,
    NodeNot2d,
    NodeInputNotStored,
    NodeAsymmetricPoolPadding,
    NodeBadAttribute,
    NodeNeedsShape,
    NodeDomain,
    NodeBadTensor,
    Count
};

// All of them, in the order of IoErrorId; no id repeats one of core::errorTemplates().
std::span<const core::ErrorTemplate> ioErrorTemplates();
const core::ErrorTemplate& ioErrorTemplate(IoErrorId id);

// The error `id` with `values`; its message is the English template filled in.
core::Error ioError(IoErrorId id, std::string parameter, std::vector<core::ErrorValue> values);
// The same, wrapping `cause` where the template says {cause}.
core::Error ioError(IoErrorId id, std::string parameter, std::vector<core::ErrorValue> values,
                    const core::Error& cause);

}  // namespace convscope::io
